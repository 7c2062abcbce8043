using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class SetContactOnSqlite() : SetContactTests(new SqliteEngine());

public sealed class SetContactOnPostgres() : SetContactTests(new PostgresEngine());

/// <summary>The letterhead and contact details a council's set-up page saves: refusals name the field, and the colour and bank details stay.</summary>
public abstract class SetContactTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static CouncilLetterDetails.Contact Contact(
        string[]? lines = null, string? telephone = "01632 960000", string? email = "revenues@example.gov.uk", string? website = "www.example.gov.uk",
        string? hours = "Monday to Friday, 9am to 5pm") =>
        new(lines ?? ["Town Hall", " High Street ", "", "Wealdmoor WM1 1AA"], telephone, email, website, hours);

    private Task<Outcome<CouncilDetails>> SetAsync(CouncilLetterDetails.Contact contact, CouncilId? council = null) =>
        InTransactionAsync((c, tx) => CouncilLetterDetails.SetContactAsync(c, tx, council ?? Council, contact, Now));

    private Task<CouncilDetails?> DetailsAsync() => ReadAsync(c => CouncilLetterDetails.GetAsync(c, null, Council));

    [Fact]
    public async Task The_contact_details_are_saved_trimmed_with_the_opening_hours_and_the_letterhead_counts_as_set()
    {
        (await ReadAsync(c => CouncilLetterDetails.IsSetAsync(c, null, Council))).ShouldBeFalse();

        (await SetAsync(Contact())).ShouldBeOfType<Outcome<CouncilDetails>.Done>();

        var details = (await DetailsAsync()).ShouldNotBeNull();
        details.AddressLines.ShouldBe(["Town Hall", "High Street", "Wealdmoor WM1 1AA"]);
        (details.Telephone, details.Email, details.Website).ShouldBe(("01632 960000", "revenues@example.gov.uk", "www.example.gov.uk"));
        (await ReadAsync(c => CouncilLetterDetails.OpeningHoursAsync(c, null, Council))).ShouldBe("Monday to Friday, 9am to 5pm");
        (await ReadAsync(c => CouncilLetterDetails.IsSetAsync(c, null, Council))).ShouldBeTrue();
    }

    [Fact]
    public async Task Setting_the_contact_keeps_the_colour_and_payment_slip_bank_details_set_before()
    {
        await InTransactionAsync(async (c, tx) =>
        {
            var name = (await CouncilLetterDetails.GetAsync(c, tx, Council))!.Name;
            await CouncilLetterDetails.SetAsync(c, tx, Council, new CouncilDetails(name, ["Old Hall"], "01632 000000", "old.example", "old@example.gov.uk", "#00703c", "401234", "12345678"), Now);
            return 0;
        });

        (await SetAsync(Contact(hours: " "))).ShouldBeOfType<Outcome<CouncilDetails>.Done>();

        var details = (await DetailsAsync())!;
        (details.BrandColour, details.BankSortCode, details.BankAccountNumber).ShouldBe(("#00703c", "401234", "12345678"));
        details.AddressLines.ShouldBe(["Town Hall", "High Street", "Wealdmoor WM1 1AA"]);
        (await ReadAsync(c => CouncilLetterDetails.OpeningHoursAsync(c, null, Council))).ShouldBeNull();
    }

    [Theory]
    [InlineData("addressLines", " |", null, null, null, null)]
    [InlineData("addressLines", "1|2|3|4|5|6|7", null, null, null, null)]
    [InlineData("addressLines", "LONG", null, null, null, null)]
    [InlineData("telephone", null, "", null, null, null)]
    [InlineData("telephone", null, "call us", null, null, null)]
    [InlineData("email", null, null, "revenues.example.gov.uk", null, null)]
    [InlineData("email", null, null, "a@b@c", null, null)]
    [InlineData("email", null, null, "rev enues@example.gov.uk", null, null)]
    [InlineData("website", null, null, null, "", null)]
    [InlineData("website", null, null, null, "www.example .gov.uk", null)]
    [InlineData("openingHours", null, null, null, null, "LONG")]
    public async Task A_bad_field_is_refused_by_name_and_nothing_is_saved(string field, string? lines, string? telephone, string? email, string? website, string? hours)
    {
        var good = Contact();
        var contact = new CouncilLetterDetails.Contact(
            lines is null ? good.AddressLines : lines == "LONG" ? [new string('x', CouncilLetterDetails.MaxLine + 1)] : lines.Split('|'),
            telephone ?? good.Telephone, email ?? good.Email, website ?? good.Website, hours == "LONG" ? new string('x', 201) : good.OpeningHours);

        (await SetAsync(contact)).ShouldBeOfType<Outcome<CouncilDetails>.Invalid>().Field.ShouldBe(field);

        (await ReadAsync(c => CouncilLetterDetails.IsSetAsync(c, null, Council))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_council_that_does_not_exist_is_not_found()
    {
        (await SetAsync(Contact(), new CouncilId(9_999))).ShouldBeOfType<Outcome<CouncilDetails>.NotFound>();
    }
}
