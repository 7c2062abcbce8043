using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class DemandNoticeFromBillOnSqlite() : DemandNoticeFromBillTests(new SqliteEngine());

public sealed class DemandNoticeFromBillOnPostgres() : DemandNoticeFromBillTests(new PostgresEngine());

public abstract class DemandNoticeFromBillTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const long Uprn = 100_000_000_100;

    private async Task<DemandNoticeModel> NoticeAsync(BilledDwellings.Dwelling dwelling)
    {
        await BilledDwellings.BillAsync(Db, Council, Clock, dwelling);
        var account = await BilledDwellings.AccountOnAsync(Db, Council, dwelling.Uprn);
        var facts = await ReadAsync(c => DemandNoticeReader.ReadAsync(c, Council, account, BilledDwellings.Year));
        return DemandNotices.Build(facts.ShouldBeOfType<Outcome<DemandNoticeFacts>.Done>().Value, BilledDwellings.IssuedOn);
    }

    [Fact]
    public async Task The_notice_for_a_billed_dwelling_shows_its_band_the_band_D_charge_each_precept_and_the_instalments()
    {
        // SI 2011/3038 Sch 1: the band, the Band D amount, each precept with its change on last year, the adult social
        // care precept apart, the discount given, and the instalments (which add up to the bill, CTAE Regs 1992 Sch 1).
        var notice = await NoticeAsync(new(Uprn, "1 Mill Lane", "WD1 1AB", 'C', "Lee"));

        notice.Council.Name.ShouldBe("Test council test");
        notice.Recipient.Name.ShouldBe("Ms Ann Lee");
        notice.Recipient.Address.Lines.ShouldBe(["1 Mill Lane", "Wealdmoor"]);
        notice.Recipient.Address.Postcode.ShouldBe("WD1 1AB");
        notice.FinancialYear.ShouldBe("2026/27");
        notice.PropertyAddress.ShouldBe("1 Mill Lane, Wealdmoor, WD1 1AB");
        notice.Band.ShouldBe("C");
        notice.BandDCharge.ShouldBe(Money.FromPence(225_000));
        notice.Precepts.Select(p => (p.Authority, p.BandDAmount.Pence, p.PreviousBandDAmount.Pence, p.PercentChange)).ShouldBe(
        [
            ("Midshire County Council", 150_000, 145_000, "3.4%"),
            ("Midshire Police and Crime Commissioner", 25_000, 24_000, "4.2%"),
            ("Wealdmoor District Council", 20_000, 19_500, "2.6%"),
            ("Midshire Fire and Rescue Authority", 10_000, 0, "new"),
        ]);
        notice.AdultSocialCare.ShouldBe(new AdultSocialCarePrecept(Money.FromPence(20_000), Money.FromPence(18_000)));
        notice.AdultSocialCare.PercentChange.ShouldBe("11.1%");
        // Band C is 8/9 of £2,250.00, less 25% for one adult resident.
        notice.AmountDue.ShouldBe(Money.FromPence(150_000));
        notice.Charges.ShouldContain(new ChargeLine("Band C is 8/9 of Band D £2,250.00", Money.FromPence(200_000)));
        notice.Discounts.ShouldBe([new AppliedDiscount("One adult resident: 25% single person discount (a year)", Money.FromPence(-50_000))]);
        notice.Instalments.Count.ShouldBe(10);
        Money.Sum(notice.Instalments.Select(i => i.Amount)).ShouldBe(notice.AmountDue);
        notice.Instalments[0].DueOn.ShouldBe(new NodaTime.LocalDate(2026, 4, 1));
        notice.AccountReference.Kind.ShouldBe(AccountKind.CouncilTax);
    }

    [Fact]
    public async Task The_notice_goes_to_the_liable_persons_correspondence_address_when_one_is_recorded()
    {
        var notice = await NoticeAsync(new(Uprn, "1 Mill Lane", "WD1 1AB", 'B', "Lee",
            new RecordParty.PostalAddressInput(null, "7 Harbour View", null, null, "Portsea", "PO1 2AB")));

        notice.Recipient.Address.Lines.ShouldBe(["7 Harbour View", "Portsea"]);
        notice.Recipient.Address.Postcode.ShouldBe("PO1 2AB");
        notice.PropertyAddress.ShouldBe("1 Mill Lane, Wealdmoor, WD1 1AB");
    }

    [Fact]
    public async Task The_council_letterhead_it_has_set_is_on_its_notices()
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await CouncilLetterDetails.SetAsync(c, tx, Council, DemoLetters.Council with { Name = "ignored: the council record names it" }, Now);
            return 0;
        });

        var notice = await NoticeAsync(new(Uprn, "1 Mill Lane", "WD1 1AB", 'C', "Lee"));

        notice.Council.Name.ShouldBe("Test council test");
        notice.Council.AddressLines.ShouldBe(DemoLetters.Council.AddressLines);
        (notice.Council with { AddressLines = [] }).ShouldBe(DemoLetters.Council with { Name = "Test council test", AddressLines = [] });
    }

    [Fact]
    public async Task An_account_with_no_bill_for_the_year_says_so_naming_the_year()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock, new BilledDwellings.Dwelling(Uprn, "1 Mill Lane", "WD1 1AB", 'C', "Lee"));
        var account = await BilledDwellings.AccountOnAsync(Db, Council, Uprn);

        var facts = await ReadAsync(c => DemandNoticeReader.ReadAsync(c, Council, account, new FinancialYear(2025)));

        var invalid = facts.ShouldBeOfType<Outcome<DemandNoticeFacts>.Invalid>();
        invalid.Field.ShouldBe("year");
        invalid.Message.ShouldContain("no bill for 2025/26; it has bills for 2026/27");
    }

    [Fact]
    public async Task Pdftotext_reads_the_rendered_notice_with_the_reference_and_amounts_in_order()
    {
        var notice = await NoticeAsync(new(Uprn, "1 Mill Lane", "WD1 1AB", 'C', "Lee"));
        var pdf = LetterRenderer.WithDefaults().Render(LetterType.DemandNotice, Channel.Letter, notice).Pdf!;

        var text = LetterPdfTests.PdfToText(pdf);

        var reference = notice.AccountReference.Value;
        string[] phrases =
        [
            "Test council test", "Ms Ann Lee", "1 Mill Lane", "WD1 1AB", "Account reference", reference, "Council Tax bill 2026/27",
            "valuation band C", "£2,250.00", "£1,500.00", "£1,450.00", "3.4%", "Midshire Fire and Rescue Authority", "£100.00", "new",
            "Adult social care precept", "£200.00", "£180.00", "11.1%", "How your bill is worked out", "£2,000.00", "Amount due", "£1,500.00",
            "single person discount (a year)", "-£500.00", "When to pay", "1 April 2026", "£150.00", "1 January 2027", "£150.00",
            "12 monthly instalments", "Valuation Tribunal", "Payment slip", reference, "£150.00",
        ];
        text.ShouldReadInOrder(phrases);

        // pdftotext takes the first cell of the precepts table out of its row, so the county is looked for on its own.
        text.ShouldContain("Midshire County Council");
    }
}
