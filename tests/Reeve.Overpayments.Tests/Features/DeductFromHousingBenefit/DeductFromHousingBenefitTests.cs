using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Deduct = Reeve.Overpayments.Features.DeductFromHousingBenefit.DeductFromHousingBenefit;
using Reeve.TestKit;

namespace Reeve.Overpayments.Tests.Features.DeductFromHousingBenefit;

public sealed class DeductFromHousingBenefitOnSqlite() : DeductFromHousingBenefitTests(new SqliteEngine());

public sealed class DeductFromHousingBenefitOnPostgres() : DeductFromHousingBenefitTests(new PostgresEngine());

/// <summary>
/// Recovery from ongoing Housing Benefit (HB Regs 2006 reg 102) for the week from Monday 2 June 2025, when the maximum is 13.95
/// (standard) or 23.25 (fraud) a week; claim HB1 adds a 5.00 top-up (half its 10.00 disregard).
/// </summary>
public abstract class DeductFromHousingBenefitTests(IDatabaseEngine engine) : OverpaymentsTest(engine)
{
    private static readonly LocalDate Week = new(2025, 6, 2);

    private Task<IReadOnlyList<Deduct.Line>> ScheduleAsync(LocalDate? week = null) =>
        ReadAsync(async c => ((Outcome<IReadOnlyList<Deduct.Line>>.Done)await Deduct.ScheduleAsync(c, null, Council, week ?? Week)).Value);

    private Task<Outcome<Deduct.Recorded>> RecordAsync(LocalDate? week = null) =>
        InTransactionAsync((c, tx) => Deduct.RecordAsync(c, tx, Council, week ?? Week, "test", Now));

    [Fact]
    public async Task A_claimant_error_debt_gives_up_the_standard_rate_plus_the_top_up_each_week()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")));
        var line = (await ScheduleAsync()).ShouldHaveSingleItem();
        line.Deduction.Amount.ShouldBe(Money.FromPence(1_895)); // 13.95 + 5.00
        line.Deduction.Rate.ShouldBe("standard");
        line.Deduction.Explanation.ShouldContain(s => s.Source.Contains("reg 102(2)") && s.Amount == Money.FromPence(1_395));
        line.Recorded.ShouldBeFalse();
    }

    [Fact]
    public async Task A_fraud_debt_is_recovered_at_the_fraud_rate_and_the_claim_s_debts_share_one_maximum_oldest_first()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "10.00", decided: "2025-04-01"), Decision("D2", "500.00", cause: "fraud", decided: "2025-05-01")));
        var lines = await ScheduleAsync();
        lines.Select(l => (l.Deduction.DecisionReference, l.Deduction.Amount.Pence)).ShouldBe([("D1", 1_000L), ("D2", 1_825L)]); // 23.25 + 5.00 = 28.25
        lines.ShouldAllBe(l => l.Deduction.Rate == "fraud");
    }

    [Fact]
    public async Task A_week_never_takes_more_than_the_benefit_paid()
    {
        await SetUpClaimsAsync(weeklyAwardPence: 1_200);
        await ImportedAsync(File(Decision("D1", "500.00")));
        (await ScheduleAsync()).ShouldHaveSingleItem().Deduction.Amount.ShouldBe(Money.FromPence(1_200));
    }

    [Fact]
    public async Task Debts_on_an_ended_claim_or_owed_by_the_landlord_are_not_deducted()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00", claim: "HB2"), Decision("D2", "500.00", from: "landlord")));
        (await ScheduleAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Recorded_deductions_are_payments_on_the_debt_and_recording_the_week_again_records_nothing()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")));
        var first = (await RecordAsync()).ShouldBeOfType<Outcome<Deduct.Recorded>.Done>().Value;
        first.Deductions.ShouldBe(1);
        first.Total.ShouldBe(Money.FromPence(1_895));
        var again = (await RecordAsync()).ShouldBeOfType<Outcome<Deduct.Recorded>.Done>().Value;
        again.Deductions.ShouldBe(0);
        again.AlreadyRecorded.ShouldBe(1);
        var account = await AccountOfAsync("D1");
        var (balance, entries) = await ReadAsync(async c => (await ReadBalance.BalanceAsync(c, Council, account), await ReadAccountLedger.EntriesAsync(c, Council, account)));
        balance.ShouldBe(Money.FromPence(50_000 - 1_895));
        var payment = entries.Single(e => e.Kind == EntryKind.Payment);
        payment.SourceRule.ShouldContain("reg 102");
        payment.EffectiveDate.ShouldBe(Week);
        (await ScheduleAsync()).ShouldHaveSingleItem().Recorded.ShouldBeTrue();
    }

    [Fact]
    public async Task The_last_week_takes_only_what_is_left()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "30.00")));
        (await RecordAsync()).ShouldBeOfType<Outcome<Deduct.Recorded>.Done>();
        (await ScheduleAsync(Week.PlusDays(7))).ShouldHaveSingleItem().Deduction.Amount.ShouldBe(Money.FromPence(3_000 - 1_895));
        (await RecordAsync(Week.PlusDays(7))).ShouldBeOfType<Outcome<Deduct.Recorded>.Done>();
        (await ScheduleAsync(Week.PlusDays(14))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_week_must_start_on_a_Monday()
    {
        await SetUpClaimsAsync();
        var refused = (await RecordAsync(Week.PlusDays(1))).ShouldBeOfType<Outcome<Deduct.Recorded>.Invalid>();
        refused.Field.ShouldBe("weekStarting");
        refused.Message.ShouldContain("Monday");
    }
}
