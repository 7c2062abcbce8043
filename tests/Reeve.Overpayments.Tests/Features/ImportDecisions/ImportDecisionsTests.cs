using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.TestKit;

namespace Reeve.Overpayments.Tests.Features.ImportDecisions;

public sealed class ImportDecisionsOnSqlite() : ImportDecisionsTests(new SqliteEngine());

public sealed class ImportDecisionsOnPostgres() : ImportDecisionsTests(new PostgresEngine());

/// <summary>Overpayment decisions from the benefits system: each recoverable one a debt on the right person, charged and noticed; revisions reverse and replace.</summary>
public abstract class ImportDecisionsTests(IDatabaseEngine engine) : OverpaymentsTest(engine)
{
    [Fact]
    public async Task A_recoverable_decision_is_a_debt_on_the_person_it_is_recovered_from_charged_with_its_reason_and_law()
    {
        await SetUpClaimsAsync();
        var report = await ImportedAsync(File(Decision("D1", "846.30"), Decision("D2", "120.00", from: "landlord")));

        report.Recoverable.ShouldBe(2);
        report.Charged.ShouldBe(Money.FromPence(96_630));
        var d1 = await AccountOfAsync("D1");
        var d2 = await AccountOfAsync("D2");
        var (account, parties, entries, landlordParties) = await ReadAsync(async c => (
            (await AccountStore.GetAsync(c, Council, d1))!,
            await AccountStore.PartiesAsync(c, Council, d1),
            await ReadAccountLedger.EntriesAsync(c, Council, d1),
            await AccountStore.PartiesAsync(c, Council, d2)));
        account.Kind.ShouldBe(AccountKind.HousingBenefitOverpayment);
        parties.ShouldHaveSingleItem().PartyId.ShouldBe(Jane);
        landlordParties.ShouldHaveSingleItem().PartyId.ShouldBe(Landlord);
        var charge = entries.ShouldHaveSingleItem();
        charge.Kind.ShouldBe(EntryKind.Charge);
        charge.Amount.ShouldBe(Money.FromPence(84_630));
        charge.EffectiveDate.ShouldBe(new NodaTime.LocalDate(2025, 5, 1));
        charge.Reason.ShouldContain("decision D1 on claim HB1");
        charge.Reason.ShouldContain("claimant-error");
        charge.SourceRule.ShouldContain("reg 100");
    }

    [Fact]
    public async Task Each_debt_has_its_decision_notice_queued_with_the_appeal_time_limit()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "846.30", cause: "fraud")));
        var account = await AccountOfAsync("D1");
        var letter = (await ReadAsync(c => LetterRequests.ForAccountAsync(c, Council, account))).ShouldHaveSingleItem();
        letter.Type.ShouldBe(LetterType.OverpaymentDecision);
        var fields = letter.Fields.ShouldBeOfType<OverpaymentDecisionFields>();
        fields.Amount.ShouldBe(Money.FromPence(84_630));
        fields.AppealBy.ShouldBe(Today.PlusMonths(1));
        fields.Cause.ShouldContain("dishonest");
        RequiredBlocks.For(LetterType.OverpaymentDecision).ShouldContain(b => b.Name == "appeal" && b.Fields.Contains("AppealBy"));
    }

    [Fact]
    public async Task An_irrecoverable_official_error_is_recorded_for_subsidy_and_charges_nobody()
    {
        await SetUpClaimsAsync();
        var report = await ImportedAsync(File(Decision("D1", "300.00", cause: "la-error", recoverable: "no")));
        report.Irrecoverable.ShouldBe(1);
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("account")).ShouldBe(0);
        (await CountAsync("letter_request")).ShouldBe(0);
        (await CountAsync("hb_overpayment")).ShouldBe(1);
    }

    [Fact]
    public async Task A_revised_decision_reverses_the_charge_and_replaces_it_on_the_same_debt()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")), "monday.csv");
        var report = await ImportedAsync(File(Decision("D1R", "350.00", decided: "2025-05-20", revises: "D1")), "tuesday.csv");

        report.Revisions.ShouldBe(1);
        report.Reversed.ShouldBe(Money.FromPence(50_000));
        var account = await AccountOfAsync("D1");
        (await AccountOfAsync("D1R")).ShouldBe(account);
        var (balance, entries) = await ReadAsync(async c => (await ReadBalance.BalanceAsync(c, Council, account), await ReadAccountLedger.EntriesAsync(c, Council, account)));
        balance.ShouldBe(Money.FromPence(35_000));
        entries.Select(e => e.Kind).ShouldBe([EntryKind.Charge, EntryKind.Charge, EntryKind.Reversal], ignoreOrder: true);
        entries.Single(e => e.Kind == EntryKind.Reversal).Reason.ShouldContain("revised by decision D1R");
    }

    [Fact]
    public async Task A_revision_owed_by_someone_else_moves_the_debt_to_a_new_account()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")), "monday.csv");
        await ImportedAsync(File(Decision("D1R", "500.00", from: "partner", decided: "2025-05-20", revises: "D1")), "tuesday.csv");
        var first = await AccountOfAsync("D1");
        var second = await AccountOfAsync("D1R");
        second.ShouldNotBe(first);
        var (old, moved) = await ReadAsync(async c => (await ReadBalance.BalanceAsync(c, Council, first), await ReadBalance.BalanceAsync(c, Council, second)));
        old.ShouldBe(Money.Zero);
        moved.ShouldBe(Money.FromPence(50_000));
    }

    [Fact]
    public async Task The_same_file_again_or_the_same_decision_in_a_later_file_posts_nothing()
    {
        await SetUpClaimsAsync();
        var file = File(Decision("D1"));
        await ImportedAsync(file);
        (await ImportAsync(file)).ShouldBeOfType<Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Result.AlreadyImported>();
        var later = await ImportedAsync(File(Decision("D1"), Decision("D2", "10.00")), "later.csv");
        later.AlreadyImported.ShouldBe(1);
        later.Recoverable.ShouldBe(1);
        (await CountAsync("ledger_entry")).ShouldBe(2);
    }

    [Fact]
    public async Task An_unknown_claim_is_refused_naming_the_line_and_nothing_is_posted()
    {
        await SetUpClaimsAsync();
        var problem = await RefusedAsync(File(Decision("D1"), Decision("D2", claim: "HB9")));
        problem.Where.ShouldBe("line 3: claim_reference");
        problem.Message.ShouldContain("HB9");
        (await CountAsync("account")).ShouldBe(0);
    }

    [Theory]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,500.00,error,yes,claimant,2025-05-01,", "cause")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,-5.00,fraud,yes,claimant,2025-05-01,", "amount")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,0.00,fraud,yes,claimant,2025-05-01,", "amount")]
    [InlineData("D1,HB1,2025-02-30,2025-03-30,500.00,fraud,yes,claimant,2025-05-01,", "period_from")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,500.00,fraud,maybe,claimant,2025-05-01,", "recoverable")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,500.00,fraud,no,claimant,2025-05-01,", "recoverable")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,500.00,fraud,yes,neighbour,2025-05-01,", "recover_from")]
    [InlineData("D1,HB2,2025-01-06,2025-03-30,500.00,fraud,yes,partner,2025-05-01,", "recover_from")]
    [InlineData("D1,HB1,2025-03-30,2025-01-06,500.00,fraud,yes,claimant,2025-05-01,", "period_to")]
    [InlineData("D1,HB1,2025-01-06,2025-03-30,500.00,fraud,yes,claimant,2025-05-01,D0", "revises")]
    [InlineData("D1,,2025-01-06,2025-03-30,500.00,fraud,yes,claimant,2025-05-01,", "claim_reference")]
    public async Task A_bad_line_is_refused_naming_its_line_and_field(string line, string field)
    {
        await SetUpClaimsAsync();
        var problem = await RefusedAsync(File(line));
        problem.Where.ShouldBe($"line 2: {field}");
    }

    [Fact]
    public async Task A_decision_imported_before_with_other_details_is_refused()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")));
        var problems = (await ImportAsync(File(Decision("D1", "600.00")), "again.csv"))
            .ShouldBeOfType<Reeve.Overpayments.Features.ImportDecisions.ImportDecisions.Result.Refused>().Problems;
        problems.ShouldHaveSingleItem().Message.ShouldContain("revised decision");
        (await CountAsync("ledger_entry")).ShouldBe(1);
    }

    [Fact]
    public async Task The_stream_s_due_schedule_is_the_decision_in_force_due_a_month_after_it()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00")), "monday.csv");
        await ImportedAsync(File(Decision("D1R", "350.00", decided: "2025-05-20", revises: "D1")), "tuesday.csv");
        var account = await AccountOfAsync("D1");
        var sql = new OverpaymentStream().DueScheduleSql;
        var before = await ReadAsync(c => c.QueryAsync<DueRow>(sql, new { council = 1, lo = 0L, hi = long.MaxValue, asAt = new NodaTime.LocalDate(2025, 5, 10) }));
        before.ShouldHaveSingleItem().amount_pence.ShouldBe(50_000);
        var after = await ReadAsync(c => c.QueryAsync<DueRow>(sql, new { council = 1, lo = 0L, hi = long.MaxValue, asAt = new NodaTime.LocalDate(2025, 6, 30) }));
        var row = after.ShouldHaveSingleItem();
        (row.account_id, row.due_on, row.amount_pence).ShouldBe((account, new NodaTime.LocalDate(2025, 6, 20), 35_000L));
    }

#pragma warning disable IDE1006 // column names as the database spells them
    private sealed class DueRow
    {
        public long account_id { get; set; }
        public NodaTime.LocalDate due_on { get; set; }
        public long amount_pence { get; set; }
    }
}
