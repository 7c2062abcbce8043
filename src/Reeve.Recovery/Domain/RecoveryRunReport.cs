using NodaTime;
using Reeve.Kernel;

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

public sealed record RecoveryRunReport(
    long? RunId,
    LocalDate RunDate,
    string Status,
    int Accounts,
    IReadOnlyDictionary<string, int> ByStage,
    IReadOnlyList<RecoveryRunLine> Lines,
    int NoticesWritten,
    string? PreparedBy = null,
    string? ApprovedBy = null);

public sealed record RecoveryRunSummary(long RunId, LocalDate RunDate, string Status, string PreparedBy, string? ApprovedBy, int Notices, string Summary);
