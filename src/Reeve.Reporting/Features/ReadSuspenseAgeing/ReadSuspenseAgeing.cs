using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting;

/// <summary>Money waiting in suspense by how long it has waited, as at a day.</summary>
public sealed record SuspenseAgeingReport(LocalDate AsAt, IReadOnlyList<AgeBand> Bands)
{
    public Money Amount => Money.Sum(Bands.Select(b => b.Amount));

    public int Items => Bands.Sum(b => b.Items);
}

public static class ReadSuspenseAgeing
{
    public static async Task<SuspenseAgeingReport> HandleAsync(DbConnection connection, CouncilId council, LocalDate asAt) =>
        new(asAt, Arrears.SuspenseAgeing(await SuspenseAgeing.OpenByDayAsync(connection, council), asAt));
}
