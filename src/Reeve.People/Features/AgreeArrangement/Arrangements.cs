#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.People;

/// <summary>The council's limits for an officer's approval; above them a Team Leader approves. Grace after a missed payment.</summary>
public sealed record ArrangementPolicy(int OfficerMaxMonths, Money OfficerMaxTotal, int GraceDays)
{
    /// <summary>Used until a council configures its own: 12 months, £2,000, 7 days' grace.</summary>
    public static ArrangementPolicy Default { get; } = new(12, Money.FromPounds(2000), 7);
}

/// <summary>Who approves: the name on the record and whether their role may go above the officer's limits.</summary>
public sealed record Approver(string Name, string Role, bool MayApproveAbovePolicy);

public sealed record ArrangementRequest(
    long PartyId, Frequency Frequency, LocalDate FirstDueOn, Money? PerInstalment, IReadOnlyList<Instalment>? Instalments, LocalDate Today);

public sealed record Arrangement(
    long ArrangementId, long PartyId, int Version, long? SupersedesId, string Status, Frequency Frequency, Money Total,
    LocalDate StartOn, string ApprovedBy, int MissedCount, LocalDate? GraceUntil, LocalDate? EndedOn, string? EndReason,
    IReadOnlyList<AccountShare> Accounts, IReadOnlyList<Instalment> Instalments);

public sealed record MonitorResult(int Checked, int Missed, int Broken, int Completed);

/// <summary>
/// Agreeing, renegotiating and monitoring arrangements to pay. While an arrangement is kept every account it covers has
/// an <c>arrangement</c> hold (source key <c>arrangement:{id}:{account}</c>), so recovery waits; when it breaks the
/// holds end and recovery resumes from the step it had reached.
/// </summary>
public static class Arrangements
{
    /// <summary>The letter type code the letters module will read from a letter-due event (documented in docs/features.md).</summary>
    public const string LetterType = "arrangement";

    public static async Task<ArrangementPolicy> PolicyAsync(DbConnection connection, CouncilId council, LocalDate day, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PolicyRow>(
            "select officer_max_months, officer_max_total_pence, grace_days from arrangement_policy where council_id = @council and effective_from <= @day order by effective_from desc limit 1",
            new { council = council.Value, day }, tx);
        return row is null ? ArrangementPolicy.Default : new ArrangementPolicy(row.officer_max_months, Money.FromPence(row.officer_max_total_pence), row.grace_days);
    }

    public static async Task SetPolicyAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate from, ArrangementPolicy policy)
    {
        await connection.ExecuteAsync(
            "insert into arrangement_policy (council_id, effective_from, officer_max_months, officer_max_total_pence, grace_days) values (@council, @from, @months, @total, @grace)",
            new { council = council.Value, from, months = policy.OfficerMaxMonths, total = policy.OfficerMaxTotal.Pence, grace = policy.GraceDays }, tx);
    }

    /// <summary>The offer from the person's latest income and expenditure, over every account they owe on now.</summary>
    public static async Task<Outcome<ArrangementOffer>> OfferAsync(DbConnection connection, CouncilId council, long partyId, LocalDate today, DbTransaction? tx = null)
    {
        var ie = await IncomeAndExpenditureStore.LatestAsync(connection, council, partyId, tx);
        if (ie is null)
        {
            return new Outcome<ArrangementOffer>.Invalid("incomeAndExpenditure", "Take the person's income and expenditure first: the offer is worked out from it");
        }

        var guidelines = await SpendingGuidelineStore.InForceOnAsync(connection, council, ie.TakenOn, tx);
        var accounts = await PersonAccounts.OwedAsync(connection, council, partyId, today, tx);
        if (accounts.Count == 0)
        {
            return new Outcome<ArrangementOffer>.Invalid("accounts", "The person owes nothing on any account");
        }

        return ArrangementPlan.Propose(ie.Budget, guidelines, accounts);
    }

    /// <summary>
    /// Agrees an arrangement (or a new version of the kept one: renegotiation supersedes it and keeps its history) and
    /// holds recovery on each account it covers from today.
    /// </summary>
    public static async Task<Outcome<Arrangement>> AgreeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, ArrangementRequest request, Approver approver, Instant now)
    {
        var offer = await OfferAsync(connection, council, request.PartyId, request.Today, tx);
        if (offer is not Outcome<ArrangementOffer>.Done { Value: var o })
        {
            return offer switch
            {
                Outcome<ArrangementOffer>.Invalid i => new Outcome<Arrangement>.Invalid(i.Field, i.Message),
                _ => new Outcome<Arrangement>.NotFound($"person {request.PartyId}"),
            };
        }

        if (request.FirstDueOn < request.Today)
        {
            return new Outcome<Arrangement>.Invalid("firstDueOn", "The first instalment cannot be due before today");
        }

        var perInstalment = request.PerInstalment ?? request.Frequency.FromMonthly(o.Monthly);
        if (request.Instalments is null && !perInstalment.IsPositive)
        {
            return new Outcome<Arrangement>.Invalid("perInstalment",
                "The assessment leaves nothing to offer (refer to free debt advice), so enter an amount the person has agreed to pay");
        }

        var instalments = request.Instalments ?? ArrangementPlan.Schedule(o.Total, perInstalment, request.Frequency, request.FirstDueOn);
        if (ArrangementPlan.Problem(o.Total, instalments) is { } problem)
        {
            return new Outcome<Arrangement>.Invalid("instalments", problem);
        }

        var policy = await PolicyAsync(connection, council, request.Today, tx);
        var months = ArrangementPlan.TermMonths(instalments);
        if ((months > policy.OfficerMaxMonths || o.Total > policy.OfficerMaxTotal) && !approver.MayApproveAbovePolicy)
        {
            return new Outcome<Arrangement>.Invalid("approval",
                $"An arrangement of {o.Total.ToDisplayString()} over {months} months is above the council's policy for an officer " +
                $"({policy.OfficerMaxTotal.ToDisplayString()} over {policy.OfficerMaxMonths} months): a Team Leader must approve it");
        }

        var previous = await KeptAsync(connection, council, request.PartyId, tx);
        await BrokenArrangementWork.CloseForPartyAsync(connection, tx, council, request.PartyId, now);
        if (previous is not null)
        {
            await EndAsync(connection, tx, council, previous, "superseded", request.Today, "Renegotiated: replaced by a new version", approver.Name, now);
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "arrangement", 1);
        var version = previous is null
            ? 1 + await connection.ExecuteScalarAsync<int>("select count(*) from arrangement where council_id = @council and party_id = @party",
                new { council = council.Value, party = request.PartyId }, tx)
            : previous.Version + 1;
        await connection.ExecuteAsync(
            "insert into arrangement (council_id, arrangement_id, party_id, version_no, supersedes_id, frequency, total_pence, start_on, status, " +
            "proposed_by, approved_by, approved_role, approved_at) values (@council, @id, @party, @version, @supersedes, @frequency, @total, @start, 'kept', " +
            "@officer, @officer, @role, @now)",
            new
            {
                council = council.Value, id, party = request.PartyId, version, supersedes = previous?.ArrangementId,
                frequency = request.Frequency.Code(), total = o.Total.Pence, start = request.Today,
                officer = approver.Name, role = approver.Role, now,
            },
            tx);
        await connection.ExecuteAsync(
            "insert into arrangement_account (council_id, arrangement_id, account_id, amount_pence, monthly_pence) values (@council, @id, @account, @amount, @monthly)",
            o.Shares.Where(s => s.Balance.IsPositive).Select(s => new { council = council.Value, id, account = s.AccountId, amount = s.Balance.Pence, monthly = s.Monthly.Pence }), tx);
        await connection.ExecuteAsync(
            "insert into arrangement_instalment (council_id, arrangement_id, instalment_no, due_on, amount_pence) values (@council, @id, @no, @due, @amount)",
            instalments.Select(i => new { council = council.Value, id, no = i.Number, due = i.DueOn, amount = i.Amount.Pence }), tx);
        foreach (var share in o.Shares.Where(s => s.Balance.IsPositive))
        {
            var hold = await AccountHolds.PlaceAsync(connection, tx, council,
                new PlaceHold(share.AccountId, HoldReason.Arrangement, request.Today, null,
                    $"Arrangement {id} version {version}: {instalments.Count} {request.Frequency.Code()} instalments from {request.FirstDueOn:uuuu-MM-dd}, approved by {approver.Name}",
                    approver.Name, HoldKey(id, share.AccountId)),
                now);
            if (hold is not Outcome<AccountHold>.Done)
            {
                throw new InvalidOperationException($"Could not hold account {share.AccountId} for arrangement {id}: {hold}");
            }
        }

        return (await GetAsync(connection, council, id, tx))!;
    }

    public static string HoldKey(long arrangementId, long accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"arrangement:{arrangementId}:{accountId}");

    public static async Task<Arrangement?> KeptAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var id = await connection.ExecuteScalarAsync<long?>(
            "select arrangement_id from arrangement where council_id = @council and party_id = @partyId and status = 'kept'",
            new { council = council.Value, partyId }, tx);
        return id is { } found ? await GetAsync(connection, council, found, tx) : null;
    }

    public static async Task<IReadOnlyList<Arrangement>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var ids = await connection.QueryAsync<long>(
            "select arrangement_id from arrangement where council_id = @council and party_id = @partyId order by version_no desc",
            new { council = council.Value, partyId }, tx);
        var list = new List<Arrangement>();
        foreach (var id in ids)
        {
            list.Add((await GetAsync(connection, council, id, tx))!);
        }

        return list;
    }

    public static async Task<Arrangement?> GetAsync(DbConnection connection, CouncilId council, long arrangementId, DbTransaction? tx = null)
    {
        var args = new { council = council.Value, id = arrangementId };
        var head = await connection.QuerySingleOrDefaultAsync<HeadRow>(
            "select arrangement_id, party_id, version_no, supersedes_id, status, frequency, total_pence, start_on, approved_by, missed_count, grace_until, ended_on, end_reason " +
            "from arrangement where council_id = @council and arrangement_id = @id", args, tx);
        if (head is null)
        {
            return null;
        }

        var shares = (await connection.QueryAsync<ShareRow>(
            "select aa.account_id, aa.amount_pence, aa.monthly_pence from arrangement_account aa where aa.council_id = @council and aa.arrangement_id = @id",
            args, tx)).ToList();
        var references = await AccountStore.GetManyAsync(connection, council, shares.Select(a => a.account_id).ToList(), tx);
        var accounts = shares.Select(a => (Share: a, Reference: references.TryGetValue(a.account_id, out var account) ? account.Reference.Value : ""))
            .OrderBy(a => a.Reference, StringComparer.Ordinal).ToList();
        var instalments = await connection.QueryAsync<InstalmentRow>(
            "select instalment_no, due_on, amount_pence from arrangement_instalment where council_id = @council and arrangement_id = @id order by instalment_no", args, tx);
        return new Arrangement(
            head.arrangement_id, head.party_id, head.version_no, head.supersedes_id, head.status, Frequencies.FromCode(head.frequency) ?? Frequency.Monthly,
            Money.FromPence(head.total_pence), head.start_on, head.approved_by, head.missed_count,
            head.grace_until, head.ended_on, head.end_reason,
            accounts.Select(a => new AccountShare(a.Share.account_id, a.Reference, Money.FromPence(a.Share.amount_pence), Money.FromPence(a.Share.monthly_pence))).ToList(),
            instalments.Select(i => new Instalment(i.instalment_no, i.due_on, Money.FromPence(i.amount_pence))).ToList());
    }

    /// <summary>
    /// Checks every kept arrangement against the payments in the ledger on a day. The first instalment found short
    /// records a letter-due event (letter type <see cref="LetterType"/>) on each account and starts the grace period;
    /// still short when the grace ends, or a second instalment missed, breaks the arrangement and ends its holds so
    /// recovery resumes. Paid in full completes it. Running the same day again changes nothing.
    /// </summary>
    /// <param name="requestLetter">
    /// Asks for the missed-payment letter in the same transaction. The letters module depends on this one, so the
    /// caller (the CLI or the web app) passes its request function in; without it the letter-due event stands alone.
    /// </param>
    public static async Task<MonitorResult> MonitorAsync(
        DbConnection connection, CouncilId council, LocalDate day, string officer, Instant now, long? partyId = null,
        Func<DbConnection, DbTransaction, Arrangement, LocalDate, Task>? requestLetter = null,
        Func<DbConnection, DbTransaction, Arrangement, Task>? audit = null)
    {
        // The officer's audit line for each arrangement checked goes in that arrangement's transaction, with the change.
        async Task CheckedAsync(DbTransaction tx, Arrangement a)
        {
            if (audit is not null)
            {
                await audit(connection, tx, a);
            }

            await tx.CommitAsync();
        }

        var ids = (await connection.QueryAsync<long>(
            "select arrangement_id from arrangement where council_id = @council and status = 'kept'" +
            (partyId is null ? "" : " and party_id = @party") + " order by arrangement_id",
            new { council = council.Value, party = partyId ?? 0 })).ToList();
        int missed = 0, broken = 0, completed = 0;
        var policy = await PolicyAsync(connection, council, day);
        foreach (var id in ids)
        {
            // Each arrangement in its own transaction: one that fails does not undo the others.
            await using var tx = await connection.BeginTransactionAsync();
            var a = (await GetAsync(connection, council, id, tx))!;
            var paid = await PaidSinceStartAsync(connection, tx, council, a, day);
            if (paid >= a.Total)
            {
                await EndAsync(connection, tx, council, a, "completed", day.PlusDays(1), "Paid in full", officer, now);
                completed++;
                await CheckedAsync(tx, a);
                continue;
            }

            var noted = (await connection.QueryAsync<int>(
                "select instalment_no from arrangement_instalment where council_id = @council and arrangement_id = @id and missed_noted_on is not null",
                new { council = council.Value, id }, tx)).ToHashSet();
            var due = Money.Zero;
            Instalment? firstShort = null;
            foreach (var i in a.Instalments.Where(i => i.DueOn <= day))
            {
                due += i.Amount;
                if (paid < due && !noted.Contains(i.Number))
                {
                    firstShort = i;
                    break;
                }
            }

            var graceOver = a.GraceUntil is { } g && day > g && paid < Money.Sum(a.Instalments.Where(i => i.DueOn <= g.PlusDays(-policy.GraceDays)).Select(i => i.Amount));
            if (firstShort is null && !graceOver)
            {
                await CheckedAsync(tx, a);
                continue;
            }

            if (firstShort is not null)
            {
                await connection.ExecuteAsync(
                    "update arrangement_instalment set missed_noted_on = @day where council_id = @council and arrangement_id = @id and instalment_no = @no",
                    new { council = council.Value, id, no = firstShort.Number, day }, tx);
            }

            if (a.MissedCount == 0 && firstShort is not null)
            {
                var graceUntil = firstShort.DueOn.PlusDays(policy.GraceDays);
                await connection.ExecuteAsync(
                    "update arrangement set missed_count = 1, grace_until = @grace where council_id = @council and arrangement_id = @id",
                    new { council = council.Value, id, grace = graceUntil }, tx);
                foreach (var share in a.Accounts)
                {
                    await AccountEvents.RecordAsync(connection, tx, council, share.AccountId, now, day, "letter-due",
                        $"Letter due ({LetterType}): instalment {firstShort.Number} of {firstShort.Amount.ToDisplayString()} due {firstShort.DueOn:uuuu-MM-dd} " +
                        $"under arrangement {id} was missed; the arrangement stands if it is paid by {graceUntil:uuuu-MM-dd}",
                        officer, "Council's arrangement policy: one missed payment gets a reminder and a grace period");
                }

                if (requestLetter is not null)
                {
                    await requestLetter(connection, tx, a, day);
                }

                missed++;
            }
            else
            {
                await connection.ExecuteAsync(
                    "update arrangement set missed_count = missed_count + 1 where council_id = @council and arrangement_id = @id",
                    new { council = council.Value, id }, tx);
                var why = firstShort is null ? $"Broken: the missed payment was not made up by {a.GraceUntil:uuuu-MM-dd}" : $"Broken: instalment {firstShort.Number} missed as well";
                await EndAsync(connection, tx, council, a, "broken", day, why, officer, now);
                await WorkQueue.RaiseAsync(connection, tx, council, BrokenArrangementWork.For(a.ArrangementId, a.PartyId, why, day), now);
                broken++;
            }

            await CheckedAsync(tx, a);
        }

        return new MonitorResult(ids.Count, missed, broken, completed);
    }

    // Payments to the covered accounts from the arrangement's start to the day, less any of those payments reversed
    // (a returned Direct Debit, say): what the person has actually paid towards it. The Ledger's payments net of
    // reversals by the day, less those by the day before the start, is exactly what was paid and not taken back between.
    private static async Task<Money> PaidSinceStartAsync(DbConnection connection, DbTransaction tx, CouncilId council, Arrangement a, LocalDate day)
    {
        var ids = a.Accounts.Select(s => s.AccountId).ToList();
        var byDay = await AccountMoney.ForAccountsAsync(connection, council, ids, tx, asAt: day);
        var beforeStart = await AccountMoney.ForAccountsAsync(connection, council, ids, tx, asAt: a.StartOn.PlusDays(-1));
        return Money.Sum(ids.Select(id => byDay[id].PaidNet - beforeStart[id].PaidNet));
    }

    /// <summary>Ends an arrangement: from <paramref name="firstDayFree"/> recovery may act again on its accounts.</summary>
    private static async Task EndAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, Arrangement a, string status, LocalDate firstDayFree, string reason, string officer, Instant now)
    {
        await connection.ExecuteAsync(
            "update arrangement set status = @status, ended_on = @ended, end_reason = @reason where council_id = @council and arrangement_id = @id",
            new { council = council.Value, id = a.ArrangementId, status, ended = firstDayFree, reason }, tx);
        foreach (var share in a.Accounts)
        {
            if (await AccountHolds.FindBySourceAsync(connection, tx, council, HoldKey(a.ArrangementId, share.AccountId)) is { } hold)
            {
                var lastDay = firstDayFree.PlusDays(-1);
                await AccountHolds.EndAsync(connection, tx, council, hold.HoldId, lastDay < hold.From.PlusDays(-1) ? hold.From.PlusDays(-1) : lastDay, officer, now);
            }

            await AccountEvents.RecordAsync(connection, tx, council, share.AccountId, now, firstDayFree, "arrangement-" + status,
                $"Arrangement {a.ArrangementId} version {a.Version} {status}: {reason}", officer, null);
        }
    }

    private sealed class PolicyRow
    {
        public int officer_max_months { get; set; }
        public long officer_max_total_pence { get; set; }
        public int grace_days { get; set; }
    }

    private sealed class HeadRow
    {
        public long arrangement_id { get; set; }
        public long party_id { get; set; }
        public int version_no { get; set; }
        public long? supersedes_id { get; set; }
        public string status { get; set; } = "";
        public string frequency { get; set; } = "";
        public long total_pence { get; set; }
        public LocalDate start_on { get; set; }
        public string approved_by { get; set; } = "";
        public int missed_count { get; set; }
        public LocalDate? grace_until { get; set; }
        public LocalDate? ended_on { get; set; }
        public string? end_reason { get; set; }
    }

    private sealed class ShareRow
    {
        public long account_id { get; set; }
        public long amount_pence { get; set; }
        public long monthly_pence { get; set; }
    }

    private sealed class InstalmentRow
    {
        public int instalment_no { get; set; }
        public LocalDate due_on { get; set; }
        public long amount_pence { get; set; }
    }
}
