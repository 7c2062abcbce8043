using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>
/// Writes what a chunk of a run decided, in the caller's transaction: a recovery_notice row per step (the row the
/// letters module prints from), an account event per step, and summons costs posted to the ledger with an
/// idempotency key per account and year. Rows go in bulk (COPY on PostgreSQL).
/// </summary>
internal static class NoticeWriter
{
    public const string Officer = "recovery run";

    public static readonly string[] NoticeColumns =
    [
        "council_id", "notice_id", "account_id", "financial_year", "step", "notice_date", "amount_pence", "costs_pence", "pay_by",
        "session_id", "served_on", "source_rule", "explanation", "run_id", "source_key", "costs_entry_id", "created_at",
    ];

    public static readonly string[] EventColumns =
        ["council_id", "event_id", "account_id", "occurred_at", "effective_date", "kind", "summary", "officer", "source_rule"];

    public static string SourceKey(long accountId, FinancialYear year, RecoveryStep step) => $"{accountId}:{year.StartYear}:{step.Code()}";

    public static string SummonsCostsKey(CouncilId council, long accountId, FinancialYear year) => $"recovery:summons-costs:{council.Value}:{accountId}:{year.StartYear}";

    public static async Task<int> WriteAsync(
        DbConnection connection, DbTransaction tx, RecoveryRun.RunContext context, long? runId, IReadOnlyList<RecoveryRun.Allocated> work, Instant now, CancellationToken ct)
    {
        var council = context.Options.Council;
        var steps = work.SelectMany(w => w.Decision.ToRecord.OrderBy(a => a.Date).Select(a => (Work: w, Action: a))).ToList();
        if (steps.Count == 0)
        {
            return 0;
        }

        var postgres = connection is Npgsql.NpgsqlConnection;
        var costs = new List<NewEntry>();
        foreach (var (w, action) in steps.Where(s => s.Action.Step == RecoveryStep.Summons))
        {
            var ay = w.Decision.AccountYear;
            if (context.Costs.GetValueOrDefault(ay.Kind) is { SummonsCosts.IsPositive: true } rates)
            {
                costs.Add(new NewEntry(council, ay.AccountId, EntryKind.Costs, rates.SummonsCosts, ay.Year, action.Date, Officer,
                    $"Summons costs for the {ay.Year} liability order application ({rates.Basis})", RecoveryCosts.Source,
                    SummonsCostsKey(council, ay.AccountId, ay.Year)));
            }
        }

        var entryIds = new Dictionary<string, long>(StringComparer.Ordinal);
        if (costs.Count > 0)
        {
            var posted = await PostEntries.PostAsync(connection, tx, costs, now, ct);
            if (posted is not Outcome<PostResult>.Done { Value: var result })
            {
                throw new InvalidOperationException($"Summons costs could not be posted: {posted}");
            }

            foreach (var entry in result.Posted)
            {
                entryIds[entry.IdempotencyKey!] = entry.EntryId;
            }
        }

        var firstNotice = await IdAllocator.ReserveAsync(connection, tx, council, "recovery_notice", steps.Count);
        var firstEvent = await IdAllocator.ReserveAsync(connection, tx, council, "account_event", steps.Count);
        var notices = new List<object?[]>(steps.Count);
        var events = new List<object?[]>(steps.Count);
        var at = DapperSetup.ToDb(now, postgres);
        for (var i = 0; i < steps.Count; i++)
        {
            var (w, action) = steps[i];
            var ay = w.Decision.AccountYear;
            var summonsCosts = action.Step == RecoveryStep.Summons ? context.Costs.GetValueOrDefault(ay.Kind)?.SummonsCosts ?? Money.Zero : Money.Zero;
            var costsKey = SummonsCostsKey(council, ay.AccountId, ay.Year);
            LocalDate? payBy = action.Step switch
            {
                // reg 23(1), reg 33(2): the sums are to be paid within 7 days beginning with the day of issue.
                RecoveryStep.FirstReminder or RecoveryStep.SecondReminder or RecoveryStep.FinalNotice => action.Date.PlusDays(6),
                RecoveryStep.Summons => w.Session?.Date,
                RecoveryStep.InstalmentsLost => action.Date,
            };
            var explanation = action.Step == RecoveryStep.InstalmentsLost && w.Decision.Stage != RecoveryStep.InstalmentsLost.Code()
                ? $"The right to pay by instalments was lost: the unpaid balance became payable on {DateText.Iso.Format(action.Date)}"
                : w.Decision.Reason;
            notices.Add(
            [
                council.Value, firstNotice + i, ay.AccountId, ay.Year.StartYear, action.Step.Code(), DapperSetup.ToDb(action.Date, postgres),
                action.Amount.Pence, summonsCosts.Pence, payBy is { } p ? DapperSetup.ToDb(p, postgres) : null,
                action.Step == RecoveryStep.Summons ? w.Session?.SessionId : null,
                action.Step == RecoveryStep.Summons && w.ServedOn is { } served ? DapperSetup.ToDb(served, postgres) : null,
                action.Source, explanation, runId, SourceKey(ay.AccountId, ay.Year, action.Step),
                action.Step == RecoveryStep.Summons && entryIds.TryGetValue(costsKey, out var entryId) ? entryId : null, at,
            ]);
            var summary = action.Step switch
            {
                RecoveryStep.Summons => $"Summons for {ay.Year}: {action.Amount.ToDisplayString()} plus {summonsCosts.ToDisplayString()} costs" +
                    (w.Session is { } s ? $", hearing at {s.Court} on {DateText.Iso.Format(s.Date)}" : ""),
                RecoveryStep.InstalmentsLost => $"Right to instalments lost for {ay.Year}: {action.Amount.ToDisplayString()} payable from {DateText.Iso.Format(action.Date)}",
                _ => $"{action.Step.Title()} for {ay.Year}: {action.Amount.ToDisplayString()} to pay by {DateText.Iso.Format(payBy!.Value)}",
            };
            events.Add(
            [
                council.Value, firstEvent + i, ay.AccountId, at, DapperSetup.ToDb(action.Date, postgres), "recovery-" + action.Step.Code(), summary,
                Officer, action.Source,
            ]);
        }

        await BulkWriter.WriteAsync(connection, tx, "recovery_notice", NoticeColumns, notices, ct);
        await BulkWriter.WriteAsync(connection, tx, "account_event", EventColumns, events, ct);
        return steps.Count;
    }
}
