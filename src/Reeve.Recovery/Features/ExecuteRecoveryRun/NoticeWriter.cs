using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>
/// Writes what a chunk of a run decided, in the caller's transaction: a recovery_notice row per step (the row the
/// letters module prints from), an account event per step, and summons costs posted to the ledger with an
/// idempotency key per account and year. Rows go in bulk (COPY on PostgreSQL); the events through the Ledger's batch writer.
/// </summary>
internal static class NoticeWriter
{
    public const string Officer = "recovery run";

    private sealed record NoticeRow(
        CouncilId Council, long NoticeId, long AccountId, int Year, string Step, LocalDate NoticeDate, Money Amount, Money Costs, LocalDate? PayBy,
        long? SessionId, LocalDate? ServedOn, string SourceRule, string Explanation, long? RunId, string SourceKey, long? CostsEntryId, Instant CreatedAt);

    private static readonly BulkTable<NoticeRow> NoticeShape = new BulkTable<NoticeRow>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("notice_id", r => r.NoticeId)
        .Int8("account_id", r => r.AccountId)
        .Int4("financial_year", r => r.Year)
        .Text("step", r => r.Step)
        .Date("notice_date", r => r.NoticeDate)
        .Money("amount_pence", r => r.Amount)
        .Money("costs_pence", r => r.Costs)
        .Date("pay_by", r => r.PayBy)
        .Int8("session_id", r => r.SessionId)
        .Date("served_on", r => r.ServedOn)
        .Text("source_rule", r => r.SourceRule)
        .Text("explanation", r => r.Explanation)
        .Int8("run_id", r => r.RunId)
        .Text("source_key", r => r.SourceKey)
        .Int8("costs_entry_id", r => r.CostsEntryId)
        .Instant("created_at", r => r.CreatedAt);

    public static string SourceKey(long accountId, FinancialYear year, RecoveryStep step) => $"{accountId}:{year.StartYear}:{step.Code()}";

    public static string SummonsCostsKey(CouncilId council, long accountId, FinancialYear year) => $"recovery:summons-costs:{council.Value}:{accountId}:{year.StartYear}";

    public static async Task<int> WriteAsync(
        DbConnection connection, DbTransaction tx, RecoveryRunSettings context, long? runId, IReadOnlyList<Allocated> work, Instant now, CancellationToken ct)
    {
        var council = context.Options.Council;
        var steps = work.SelectMany(w => w.Decision.ToRecord.OrderBy(a => a.Date).Select(a => (Work: w, Action: a))).ToList();
        if (steps.Count == 0)
        {
            return 0;
        }

        // The engine already holds these accounts back; this is the last check before anything is written, so a
        // step for an account in a Breathing Space on its date (say, a hold placed while the chunk was decided) is
        // refused and logged rather than issued with its costs and letter (SI 2020/1311 reg 7). The loss of the right
        // to instalments is not refused: it happens by law (reg 23(3)), asks for nothing and adds nothing.
        foreach (var day in steps.GroupBy(s => s.Action.Date).ToList())
        {
            var held = await Moratoriums.InForceAsync(connection, tx, council, day.Select(s => s.Work.Decision.AccountYear.AccountId).ToList(), day.Key);
            foreach (var step in day.Where(s => s.Action.Step != RecoveryStep.InstalmentsLost && held.ContainsKey(s.Work.Decision.AccountYear.AccountId)))
            {
                var ay = step.Work.Decision.AccountYear;
                await Moratoriums.RecordRefusalAsync(connection, tx, council, held[ay.AccountId], step.Action.Date,
                    $"{step.Action.Step.Title()} for {ay.Year}" + (step.Action.Step == RecoveryStep.Summons ? " and its costs" : ""), Officer, now);
                steps.Remove(step);
            }
        }

        if (steps.Count == 0)
        {
            return 0;
        }

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
        var notices = new List<NoticeRow>(steps.Count);
        var events = new List<NewAccountEvent>(steps.Count);
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
                ? $"The right to pay by instalments was lost: the unpaid balance became payable on {DateText.LongForm.Format(action.Date)}"
                : w.Decision.Reason;
            notices.Add(new NoticeRow(
                council, firstNotice + i, ay.AccountId, ay.Year.StartYear, action.Step.Code(), action.Date,
                action.Amount, summonsCosts, payBy,
                action.Step == RecoveryStep.Summons ? w.Session?.SessionId : null,
                action.Step == RecoveryStep.Summons ? w.ServedOn : null,
                action.Source, explanation, runId, SourceKey(ay.AccountId, ay.Year, action.Step),
                action.Step == RecoveryStep.Summons && entryIds.TryGetValue(costsKey, out var entryId) ? entryId : null, now));
            var summary = action.Step switch
            {
                RecoveryStep.Summons => $"Summons for {ay.Year}: {action.Amount.ToDisplayString()} plus {summonsCosts.ToDisplayString()} costs" +
                    (w.Session is { } s ? $", hearing at {s.Court} on {DateText.LongForm.Format(s.Date)}" : ""),
                RecoveryStep.InstalmentsLost => $"Right to instalments lost for {ay.Year}: {action.Amount.ToDisplayString()} payable from {DateText.LongForm.Format(action.Date)}",
                _ => $"{action.Step.Title()} for {ay.Year}: {action.Amount.ToDisplayString()} to pay by {DateText.LongForm.Format(payBy!.Value)}",
            };
            events.Add(new NewAccountEvent(ay.AccountId, now, action.Date, "recovery-" + action.Step.Code(), summary, Officer, action.Source));
        }

        var dialect = SqlDialect.Of(connection);
        await dialect.WriteAllAsync(connection, tx, "recovery_notice", NoticeShape, notices, ct);
        await AccountEventBatch.WriteAsync(connection, tx, council, events, ct);

        // Each notice's letter is queued with it, in the same transaction, keyed by the notice's own source key: a
        // resumed run queues nothing twice, and `reeve letters print --type reminder --date D` prints the day's.
        var letters = new List<LetterRequest>(steps.Count);
        foreach (var (w, action) in steps)
        {
            if (Letter(council, w, action, context.Costs.GetValueOrDefault(w.Decision.AccountYear.Kind)?.SummonsCosts ?? Money.Zero) is { } letter)
            {
                letters.Add(letter);
            }
        }

        var queued = await LetterRequests.RequestManyAsync(connection, tx, letters, now);
        if (queued is not Outcome<int>.Done)
        {
            throw new InvalidOperationException($"The run's letters could not be queued: {queued}");
        }

        return steps.Count;
    }

    /// <summary>The letter a step sends, with the sums and dates the notice states (regs 23, 33 and 34).</summary>
    private static LetterRequest? Letter(CouncilId council, Allocated w, RecoveryAction action, Money summonsCosts)
    {
        var ay = w.Decision.AccountYear;
        var key = "recovery:" + SourceKey(ay.AccountId, ay.Year, action.Step);
        var balance = Money.Max(action.Amount, Money.Sum(ay.Instalments.Select(i => i.Amount)) - Money.Sum(ay.Payments.Select(p => p.Amount)));
        LetterFields? fields = action.Step switch
        {
            // Reg 23(3): 7 days beginning with the day of issue to pay; failing that, the balance is due at the end of a further 7 days.
            RecoveryStep.FirstReminder or RecoveryStep.SecondReminder => new ReminderFields(ay.Year.StartYear, action.Step == RecoveryStep.FirstReminder ? 1 : 2,
                action.Amount, action.Date.PlusDays(6), balance, action.Date.PlusDays(14)),
            RecoveryStep.FinalNotice => new FinalNoticeFields(ay.Year.StartYear, action.Amount, action.Date.PlusDays(6)),
            RecoveryStep.Summons when w.Session is { } session => new SummonsFields(ay.Year.StartYear, action.Amount, summonsCosts, session.Court,
                session.Date.At(HearingTime)),
            _ => null,
        };
        return fields is null ? null : new LetterRequest(council, ay.AccountId, action.Date, key, fields);
    }

    // Court sessions are kept by day; the letter gives the usual 10 o'clock listing until sessions carry a time.
    private static readonly LocalTime HearingTime = new(10, 0);
}
