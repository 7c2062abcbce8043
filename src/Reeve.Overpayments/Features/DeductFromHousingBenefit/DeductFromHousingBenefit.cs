#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Overpayments.Domain;
using Reeve.Persistence;

namespace Reeve.Overpayments.Features.DeductFromHousingBenefit;

/// <summary>
/// Recovery from ongoing Housing Benefit (HB Regs 2006 reg 102), the first way the law and good practice recover an overpayment:
/// for a benefit week (from a Monday), every recoverable debt owed by the claimant or partner of a claim still paying benefit is
/// scheduled (<see cref="ScheduleAsync"/>) under the maximum weekly rates in force that week (Data/hb-deduction-rates.csv), from what
/// it owed before the week. <see cref="RecordAsync"/> records the schedule, each deduction a payment on its debt through the Ledger,
/// once per debt and week: recording the same week again records nothing new.
/// </summary>
public static class DeductFromHousingBenefit
{
    public const string Source = "HB Regs 2006 (SI 2006/213) reg 102: recovery of an overpayment by deduction from ongoing Housing Benefit";

    public sealed record Line(WeeklyDeduction Deduction, bool Recorded);

    public sealed record Recorded(int Deductions, Money Total, int AlreadyRecorded);

    public static async Task<Outcome<IReadOnlyList<Line>>> ScheduleAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate weekStarting)
    {
        if (weekStarting.DayOfWeek != IsoDayOfWeek.Monday)
        {
            return new Outcome<IReadOnlyList<Line>>.Invalid("weekStarting", $"{DateText.FormatIso(weekStarting)} is a {weekStarting.DayOfWeek}: a benefit week starts on a Monday (HB Regs 2006 reg 2(1))");
        }

        if (OverpaymentTables.HousingBenefitDeductions.InForceOn(weekStarting) is not { } rates)
        {
            return new Outcome<IReadOnlyList<Line>>.Invalid("weekStarting",
                $"Reeve knows the maximum weekly deductions from {DateText.FormatIso(OverpaymentTables.HousingBenefitDeductions.All[0].From)}; add the rates in force for {DateText.FormatIso(weekStarting)}");
        }

        var rows = (await connection.QueryAsync<DebtRow>(
            "select c.claim_reference, c.weekly_award_pence, c.top_up_pence, o.account_id, o.decision_reference, o.cause, o.decided_on " +
            "from hb_claim c join hb_claim_party p on p.council_id = c.council_id and p.claim_reference = c.claim_reference and p.role in ('claimant', 'partner') " +
            "join hb_overpayment o on o.council_id = p.council_id and o.party_id = p.party_id and o.recoverable = 1 and o.recover_from in ('claimant', 'partner') " +
            "where c.council_id = @council and c.weekly_award_pence > 0 and o.decided_on < @weekEnd " +
            "and not exists (select 1 from hb_overpayment r where r.council_id = o.council_id and r.revises = o.decision_reference) " +
            "order by c.claim_reference, o.decided_on, o.account_id",
            new { council = council.Value, weekEnd = weekStarting.PlusDays(7) }, tx)).ToList();

        // A person on two paying claims is recovered from the first only.
        var firstClaimOf = rows.GroupBy(r => r.account_id).ToDictionary(g => g.Key, g => g.Select(r => r.claim_reference).Min(StringComparer.Ordinal)!);
        rows = [.. rows.Where(r => r.claim_reference == firstClaimOf[r.account_id]).DistinctBy(r => r.account_id)];
        var money = await AccountMoney.ForAccountsAsync(connection, council, rows.Select(r => r.account_id).ToList(), tx, weekStarting.PlusDays(-1));
        var recorded = (await connection.QueryAsync<long>("select account_id from hb_deduction where council_id = @council and week_starting = @weekStarting",
            new { council = council.Value, weekStarting }, tx)).ToHashSet();
        var lines = new List<Line>();
        foreach (var claim in rows.GroupBy(r => r.claim_reference))
        {
            var first = claim.First();
            var live = new LiveClaim(claim.Key, Money.FromPence(first.weekly_award_pence), Money.FromPence(first.top_up_pence),
                [.. claim.Select(r => new DebtOnClaim(r.account_id, r.decision_reference, OverpaymentCodes.CauseFromCode(r.cause)!.Value, r.decided_on,
                    money.TryGetValue(r.account_id, out var m) ? m.Balance : Money.Zero))]);
            lines.AddRange(WeeklyDeductions.For(live, rates).Select(d => new Line(d, recorded.Contains(d.AccountId))));
        }

        return new Outcome<IReadOnlyList<Line>>.Done(lines);
    }

    public static async Task<Outcome<Recorded>> RecordAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate weekStarting, string officer, Instant now)
    {
        IReadOnlyList<Line> lines;
        switch (await ScheduleAsync(connection, tx, council, weekStarting))
        {
            case Outcome<IReadOnlyList<Line>>.Done done:
                lines = done.Value;
                break;
            case Outcome<IReadOnlyList<Line>>.Invalid bad:
                return new Outcome<Recorded>.Invalid(bad.Field, bad.Message);
            case var other:
                throw new InvalidOperationException($"Unexpected schedule outcome {other}");
        }

        var fresh = lines.Where(l => !l.Recorded).Select(l => l.Deduction).ToList();
        if (fresh.Count == 0)
        {
            return new Recorded(0, Money.Zero, lines.Count);
        }

        var years = (await connection.QueryAsync<(long Account, int Year)>(
            "select account_id, financial_year from hb_overpayment where council_id = @council and account_id " + SqlDialect.Of(connection).AnyOf("ids") +
            " and not exists (select 1 from hb_overpayment r where r.council_id = hb_overpayment.council_id and r.revises = hb_overpayment.decision_reference)",
            new { council = council.Value, ids = fresh.Select(d => d.AccountId).ToArray() }, tx)).ToDictionary(r => r.Account, r => r.Year);
        string Key(WeeklyDeduction d) => string.Create(CultureInfo.InvariantCulture, $"hb-deduction:{council.Value}:{d.AccountId}:{DateText.FormatIso(weekStarting)}");
        var entries = fresh.Select(d => new NewEntry(council, d.AccountId, EntryKind.Payment, d.Amount, new FinancialYear(years[d.AccountId]), weekStarting, officer,
            $"Deducted from Housing Benefit on claim {d.ClaimReference} for the week from {DateText.FormatIso(weekStarting)} ({d.Rate} rate)", Source, Key(d))).ToList();
        if (await PostEntries.PostAsync(connection, tx, entries, now) is not Outcome<PostResult>.Done { Value: var posted })
        {
            throw new InvalidOperationException("The ledger refused the week's deductions");
        }

        var entryOf = posted.Posted.ToDictionary(e => e.IdempotencyKey!, e => e.EntryId, StringComparer.Ordinal);
        await connection.ExecuteAsync(
            "insert into hb_deduction (council_id, account_id, week_starting, claim_reference, amount_pence, rate, entry_id, recorded_by, recorded_at) " +
            "values (@council, @account, @weekStarting, @claim, @amount, @rate, @entry, @officer, @now)",
            fresh.Select(d => new { council = council.Value, account = d.AccountId, weekStarting, claim = d.ClaimReference, amount = d.Amount.Pence, rate = d.Rate, entry = entryOf[Key(d)], officer, now }),
            tx);
        return new Recorded(fresh.Count, Money.Sum(fresh.Select(d => d.Amount)), lines.Count - fresh.Count);
    }

    private sealed class DebtRow
    {
        public string claim_reference { get; set; } = "";
        public long weekly_award_pence { get; set; }
        public long top_up_pence { get; set; }
        public long account_id { get; set; }
        public string decision_reference { get; set; } = "";
        public string cause { get; set; } = "";
        public LocalDate decided_on { get; set; }
    }
}
