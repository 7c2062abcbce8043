using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class RebillingTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Uprn = 100_000_000_123;
    private static readonly FinancialYear Year2025 = new(2025);

    private async Task<long> DwellingAsync(char band = 'D')
    {
        await InTransactionAsync(async (c, tx) =>
        {
            (await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "1 Mill Lane", null, null, "Wealdmoor", "WD1 1AB", PropertyKind.Domestic, band), Now))
                .ShouldBeOfType<Reeve.Kernel.Outcome<Property>.Done>();
            await c.ExecuteAsync("update property set area_code = 'WLD' where council_id = 1 and uprn = @Uprn", new { Uprn }, tx);
            // Band D £1,825.00 for 2024 and 2025: £1,500 district and £325 police.
            foreach (var year in new[] { 2024, 2025 })
            {
                await ChargeSetting.SetAsync(c, tx, Council, "WLD", "Wealdmoor", new FinancialYear(year),
                    [new Precept("Wealdmoor District Council", "billing-authority", Money.FromPence(150_000), null),
                     new Precept("Police and Crime Commissioner", "police", Money.FromPence(32_500), null)]);
            }

            return 0;
        });
        return Uprn;
    }

    private Task<long> PersonAsync(string surname) => InTransactionAsync(async (c, tx) =>
        ((Reeve.Kernel.Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
            new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, "Sam", surname), null, new LocalDate(2020, 1, 1), [], null), "test", Now)).Value);

    private async Task<IReadOnlyList<long>> AccountsAsync() =>
        (await ReadAsync(c => CouncilTaxAccounts.OnDwellingAsync(c, null, Council, Uprn))).Select(a => a.AccountId).ToList();

    [Fact]
    public async Task Moving_in_opens_an_account_and_bills_it_with_instalments()
    {
        // LGFA 1992 s6 and s2; CTAE Regs 1992 reg 18 and Sch 1: a new resident is billed from the day they move in.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var sam = await PersonAsync("Hart");

        var outcome = await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now);

        var bill = outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        bill.Net.ShouldBe(Money.FromPence(136_875)); // one adult: £1,825 less 25%
        bill.Instalments.Count.ShouldBe(10);
        Money.Sum(bill.Instalments.Select(i => i.Amount)).ShouldBe(bill.Net);
        var balance = await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, bill.AccountId));
        balance.ShouldBe(bill.Net);
    }

    [Fact]
    public async Task Moving_out_mid_year_reverses_the_first_bill_and_posts_the_shorter_one()
    {
        // Nothing posted is edited: version 2 reverses version 1's charge and posts its own.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var sam = await PersonAsync("Hart");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2024, 6, 1), Interest.Tenant, null, "officer", Now);

        Clock.SetTo(Instant.FromUtc(2025, 10, 1, 9, 0));
        var outcome = await RecordLiabilityFacts.MoveOutAsync(Db, Council, Uprn, sam, new LocalDate(2025, 9, 30), "officer", Now);

        var v2 = outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem();
        v2.Version.ShouldBe(2);
        v2.Net.ShouldBe(Money.FromPence(68_625)); // 183 days of £1,368.75
        var entries = await ReadAsync(c => ReadAccountLedger.EntriesAsync(c, Council, v2.AccountId));
        entries.Count(e => e.Kind == EntryKind.Reversal).ShouldBe(1);
        Balances.Of(entries.Where(e => e.Year == Year2025)).ShouldBe(v2.Net);
    }

    [Fact]
    public async Task A_backdated_band_change_rebills_the_past_year_too()
    {
        // A schedule from the listing officer can take effect in an earlier year; each year is billed again.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync('D');
        var sam = await PersonAsync("Hart");
        var ann = await PersonAsync("Cole");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now);
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, ann, new LocalDate(2024, 4, 1), Interest.Tenant, null, "officer", Now);
        var account = (await AccountsAsync())[^1];

        Clock.SetTo(Instant.FromUtc(2025, 6, 1, 9, 0));
        var outcome = await RecordLiabilityFacts.BandChangeAsync(Db, Council, Uprn, new LocalDate(2024, 4, 1), "C", "Band reduced on appeal", "VOA 2025/118", "officer", Now);

        var versions = outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions;
        versions.Select(v => v.Year.StartYear).Order().ShouldBe([2024, 2025]);
        versions.ShouldAllBe(v => v.Net == Money.FromPence(162_222)); // Band C is 8/9 of £1,825
        (await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, account))).ShouldBe(Money.FromPence(2 * 162_222));
    }

    [Fact]
    public async Task An_exemption_that_does_not_fit_the_dwelling_is_refused_and_changes_nothing()
    {
        // SI 1992/558 art 3: Class F is for an unoccupied dwelling.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var sam = await PersonAsync("Hart");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now);
        var before = await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry"));

        var outcome = await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("exemption", null, "F", null, null, new LocalDate(2025, 5, 1), null, "Death certificate seen", null), "officer", Now);

        outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Invalid>().Field.ShouldBe("exemptions[0].class");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ctax_award"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry"))).ShouldBe(before);
    }

    [Fact]
    public async Task A_manual_council_tax_reduction_award_is_recorded_with_its_evidence_and_rebills()
    {
        // s13A(1)(c): a discretionary reduction of £300 a year for the whole year.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var sam = await PersonAsync("Hart");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now);

        var outcome = await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("reduction", sam, null, 0, null, new LocalDate(2025, 4, 1), null, "Hardship application 2025/031 approved", new LocalDate(2026, 3, 1), Money.FromPounds(300)), "officer", Now);

        outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(136_875 - 30_000));
    }

    [Fact]
    public async Task An_empty_home_put_in_class_C_is_rebilled_at_the_councils_local_discount()
    {
        // LGFA 1992 s11A: with the council's class C discount at 0%, the owner of an empty home pays in full.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var owner = await PersonAsync("Landlord");
        await InTransactionAsync((c, tx) => LocalDiscounts.SetAsync(c, tx, Council, Year2025, "C", 0));
        var before = await RecordLiabilityFacts.OwnerFromAsync(Db, Council, Uprn, owner, new LocalDate(2025, 4, 1), "officer", Now);
        before.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(91_250));

        var outcome = await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("local-discount", null, "C", null, null, new LocalDate(2025, 4, 1), null, "Inspection: empty and unfurnished", new LocalDate(2025, 10, 1)), "officer", Now);

        outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(182_500));
    }

    [Fact]
    public async Task A_disregarded_student_brings_a_single_person_discount_from_the_day_it_starts()
    {
        // LGFA 1992 s11(5), Sch 1 para 4: a student is disregarded; one adult counted gives 25%.
        Clock.SetTo(Instant.FromUtc(2025, 4, 1, 9, 0));
        await DwellingAsync();
        var sam = await PersonAsync("Hart");
        var kid = await PersonAsync("Hart-Junior");
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, sam, new LocalDate(2025, 4, 1), Interest.Tenant, null, "officer", Now);
        await RecordLiabilityFacts.MoveInAsync(Db, Council, Uprn, kid, new LocalDate(2025, 4, 1), Interest.OtherResident, null, "officer", Now);

        var outcome = await RecordLiabilityFacts.AwardAsync(Db, Council, Uprn,
            new RecordLiabilityFacts.Award("disregard", kid, "student", null, null, new LocalDate(2025, 4, 1), null, "Student certificate, University of Wealdmoor", new LocalDate(2026, 9, 1)), "officer", Now);

        outcome.ShouldBeOfType<Reeve.Kernel.Outcome<RebillDwelling.Result>.Done>().Value.NewVersions.ShouldHaveSingleItem().Net.ShouldBe(Money.FromPence(136_875));
    }
}

public sealed class RebillingOnSqlite() : RebillingTests(new SqliteEngine());

public sealed class RebillingOnPostgres() : RebillingTests(new PostgresEngine());
