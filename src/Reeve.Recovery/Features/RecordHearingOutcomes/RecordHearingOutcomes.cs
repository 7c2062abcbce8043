using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>
/// Records a hearing's outcomes for a session in bulk (CTAE Regs 1992 regs 34-35; NNDR Regs 1989 regs 11-12). A
/// summons paid in full with its costs before the hearing is not pursued (reg 34(5)): it is recorded as paid before
/// the hearing, with no liability order costs, whatever outcome was entered for it.
/// </summary>
public static class RecordHearingOutcomes
{
    public const string LiabilityOrderSource = "CTAE Regs 1992 (SI 1992/613) reg 34(6)-(7): liability order with costs reasonably incurred";
    public const string PaidBeforeHearingSource = "CTAE Regs 1992 (SI 1992/613) reg 34(5): the sum and costs paid before the hearing; the application is not pursued";

    /// <summary>
    /// Records the outcomes in the caller's transaction, all or nothing: the caller commits only when this returns
    /// Done. Every reference must be on the session's list. A liability order adds the council's liability order
    /// costs; the audit row is written with the outcomes.
    /// </summary>
    public static async Task<Outcome<IReadOnlyList<OutcomeResult>>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long sessionId, IReadOnlyList<OutcomeEntry> entries, string officer, Instant now, CancellationToken ct = default)
    {
        var session = await CourtSessions.GetAsync(connection, council, sessionId, tx);
        if (session is null)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.NotFound($"court session {sessionId}");
        }

        if (entries.Count == 0)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid("outcomes", "Enter at least one outcome");
        }

        var list = (await CourtSessions.ComplaintListAsync(connection, council, sessionId, tx)).ToLookup(l => l.Reference, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!list.Contains(entries[i].Reference.Trim()))
            {
                return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid($"outcomes[{i}].reference",
                    $"Account {entries[i].Reference} is not on the list for {session.Court} on {DateText.LongForm.Format(session.Date)}; nothing was recorded");
            }
        }

        var duplicate = entries.GroupBy(e => e.Reference.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid("outcomes", $"Account {duplicate.Key} is given more than one outcome; nothing was recorded");
        }

        // What each account on the list owed for each year before the hearing day, including the summons costs, and its kind.
        var onList = entries.SelectMany(e => list[e.Reference.Trim()]).Select(l => l.AccountId).Distinct().ToList();
        var owed = await AccountMoney.ForAccountsAsync(connection, council, onList, tx, asAt: session.Date.PlusDays(-1));
        var accounts = await AccountStore.GetManyAsync(connection, council, onList, tx);
        var results = new List<OutcomeResult>();
        var costsEntries = new List<NewEntry>();
        var rows = new List<(ComplaintLine Line, HearingOutcome Outcome, Money Costs, string Note, string Why)>();
        foreach (var entry in entries)
        {
            foreach (var line in list[entry.Reference.Trim()])
            {
                if (line.Outcome is not (null or "adjourned"))
                {
                    results.Add(new OutcomeResult(line.Reference, line.Year, HearingOutcomes.FromCode(line.Outcome)!.Value, Money.Zero, $"Already recorded: {line.Outcome}; nothing changed"));
                    continue;
                }

                var balance = owed[line.AccountId].Year(line.Year).Balance;
                var outcome = entry.Outcome;
                var why = outcome.Title();
                if (!balance.IsPositive && outcome is HearingOutcome.LiabilityOrder or HearingOutcome.Adjourned)
                {
                    outcome = HearingOutcome.PaidBeforeHearing;
                    why = "The sum and the summons costs were paid before the hearing, so the application was not pursued (reg 34(5)); no liability order costs";
                }

                var costs = Money.Zero;
                var refusedCosts = false;
                if (outcome == HearingOutcome.LiabilityOrder)
                {
                    var kind = accounts.TryGetValue(line.AccountId, out var account) ? account.Kind : AccountKind.CouncilTax;
                    var rates = await RecoverySettings.CostsOnAsync(connection, tx, council, kind, session.Date);
                    if (rates is { LiabilityOrderCosts.IsPositive: true } && await Moratoriums.InForceAsync(connection, tx, council, line.AccountId, session.Date) is { } hold)
                    {
                        // SI 2020/1311 reg 7: no costs may be added to a moratorium debt; the order is recorded without them.
                        await Moratoriums.RecordRefusalAsync(connection, tx, council, hold, session.Date,
                            $"Liability order costs of {rates.LiabilityOrderCosts.ToDisplayString()} for {line.Year}", officer, now);
                        refusedCosts = true;
                    }
                    else if (rates is { LiabilityOrderCosts.IsPositive: true })
                    {
                        costs = rates.LiabilityOrderCosts;
                        costsEntries.Add(new NewEntry(council, line.AccountId, EntryKind.Costs, costs, line.Year, session.Date, officer,
                            $"Liability order costs, {session.Court} {DateText.LongForm.Format(session.Date)} ({rates.Basis})", LiabilityOrderSource,
                            $"recovery:lo-costs:{council.Value}:{line.AccountId}:{line.Year.StartYear}"));
                    }

                    why = refusedCosts
                        ? $"Liability order granted for {balance.ToDisplayString()}; no costs added, as the account is in a Breathing Space (SI 2020/1311 reg 7)"
                        : $"Liability order granted for {(balance + costs).ToDisplayString()} including costs";
                }

                rows.Add((line, outcome, costs, entry.Note, why));
                results.Add(new OutcomeResult(line.Reference, line.Year, outcome, costs, why));
            }
        }

        var entryIds = new Dictionary<long, long>();
        if (costsEntries.Count > 0 && await PostEntries.PostAsync(connection, tx, costsEntries, now, ct) is Outcome<PostResult>.Done { Value: var posted })
        {
            foreach (var e in posted.Posted)
            {
                entryIds[e.AccountId] = e.EntryId;
            }
        }

        foreach (var (line, outcome, costs, note, why) in rows)
        {
            var id = await IdAllocator.ReserveAsync(connection, tx, council, "court_outcome", 1);
            await connection.ExecuteAsync(
                "insert into court_outcome (council_id, outcome_id, notice_id, outcome, decided_on, costs_pence, costs_entry_id, note, recorded_by, recorded_at) " +
                "values (@council, @id, @notice, @outcome, @decided, @costs, @entry, @note, @officer, @now)",
                new
                {
                    council = council.Value, id, notice = line.NoticeId, outcome = outcome.Code(), decided = session.Date, costs = costs.Pence,
                    entry = entryIds.TryGetValue(line.AccountId, out var e) ? e : (long?)null, note = note.Trim(), officer, now = now,
                }, tx);
            await AccountEvents.RecordAsync(connection, tx, council, line.AccountId, now, session.Date, "court-" + outcome.Code(),
                $"{session.Court} {DateText.LongForm.Format(session.Date)}, {line.Year}: {why}", officer,
                outcome == HearingOutcome.PaidBeforeHearing ? PaidBeforeHearingSource : LiabilityOrderSource);
        }

        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "court-session", sessionId.ToString(CultureInfo.InvariantCulture),
            $"Recorded {rows.Count} hearing outcomes", null, now);
        return results;
    }
}
