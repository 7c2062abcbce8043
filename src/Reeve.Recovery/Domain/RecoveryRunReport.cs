using NodaTime;
using Reeve.Kernel;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>
/// What a run covers. <paramref name="OnlyYear"/> limits it to one financial year's instalments (each year is
/// recovered on its own); null covers every year. <paramref name="OnlyAccount"/> previews one account.
/// </summary>
public sealed record RecoveryRunOptions(
    CouncilId Council, LocalDate RunDate, LocalDate Today, string Officer, int ChunkSize = RecoveryRunOptions.DefaultChunkSize, long? OnlyAccount = null,
    FinancialYear? OnlyYear = null)
{
    /// <summary>Accounts read, decided and written per transaction.</summary>
    public const int DefaultChunkSize = 20_000;
}

/// <summary>One account's year in a run report: the stage the run puts it at and why.</summary>
public sealed record RecoveryRunLine(long AccountId, string Reference, FinancialYear Year, string Stage, string Reason, string Source, Money Amount, string? Hearing, string? Explanation = null);

/// <summary>How many accounts a run puts at one stage and what they owe between them.</summary>
public sealed record StageTotal(string Stage, int Accounts, Money Amount)
{
    public string Title => RecoveryStages.Title(Stage);
}

public sealed record RecoveryRunReport(
    long? RunId,
    LocalDate RunDate,
    string Status,
    int Accounts,
    IReadOnlyDictionary<string, int> ByStage,
    IReadOnlyList<RecoveryRunLine> Lines,
    int NoticesWritten,
    string? PreparedBy = null,
    string? ApprovedBy = null)
{
    /// <summary>Each stage with its count and the amount its lines are for, in the order the stages come.</summary>
    public IReadOnlyList<StageTotal> Totals()
    {
        var amounts = Lines.GroupBy(l => l.Stage, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, l) => sum + l.Amount), StringComparer.Ordinal);
        return ByStage.Select(s => new StageTotal(s.Key, s.Value, amounts.GetValueOrDefault(s.Key, Money.Zero))).ToList();
    }

    /// <summary>One page of the lines, only those at <paramref name="stage"/> when one is given, in reference order.</summary>
    public ResultPage<RecoveryRunLine> LinesPage(string? stage, int pageNumber, int pageSize)
    {
        var chosen = string.IsNullOrEmpty(stage) ? Lines : Lines.Where(l => l.Stage == stage).ToList();
        var page = Math.Clamp(pageNumber, 1, Math.Max(1, (chosen.Count + pageSize - 1) / pageSize));
        var items = chosen.OrderBy(l => l.Reference, StringComparer.Ordinal).ThenBy(l => l.Year.StartYear)
            .Skip(ResultPage.Offset(page, pageSize)).Take(pageSize).ToList();
        return new ResultPage<RecoveryRunLine>(items, chosen.Count, page, pageSize);
    }
}

public sealed record RecoveryRunSummary(long RunId, LocalDate RunDate, string Status, string PreparedBy, string? ApprovedBy, int Notices, string Summary)
{
    /// <summary>The run's status as an officer says it.</summary>
    public string StatusTitle => Status switch
    {
        "prepared" => "Prepared, waiting for approval",
        "approved" => "Approved, not yet executed",
        "executing" => "Executing (stopped part way: carry on to finish)",
        "executed" => "Executed",
        _ => Status,
    };

    /// <summary>The accounts at each stage when the run was prepared, read back from the stored summary ("reminder 12, final 3").</summary>
    public IReadOnlyList<(string Stage, string Title, int Accounts)> Stages() =>
        Summary.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => (part, space: part.LastIndexOf(' ')))
            .Where(p => p.space > 0 && int.TryParse(p.part[(p.space + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => (p.part[..p.space], RecoveryStages.Title(p.part[..p.space]), int.Parse(p.part[(p.space + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
