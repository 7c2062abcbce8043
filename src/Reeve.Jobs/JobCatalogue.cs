namespace Reeve.Jobs;

/// <summary>The council's scheduled jobs, in the order the Jobs page lists them.</summary>
public static class JobCatalogue
{
    public static IReadOnlyList<IScheduledJob> All() =>
    [
        new ImportStatementsJob(),
        new PrepareRecoveryRunJob(),
        new MonitorArrangementsJob(),
        new ImportBacsReportsJob(),
        new LodgeMandatesJob(),
        new CollectDirectDebitsJob(),
        new PrintLettersJob(),
        new RefreshCollectionSummaryJob(),
        new RunDailyDutiesJob(),
    ];
}
