using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed partial class ApiTests(ReeveAppFixture app)
{
    [GeneratedRegex(@"^-?\d+\.\d\d$")]
    private static partial Regex MoneyText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d$")]
    private static partial Regex DateText();

    [Fact]
    public async Task Anonymous_api_calls_get_401_json_not_a_redirect()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);
        var response = await anonymous.GetAsync("/api/v1/search?q=a");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().ShouldBe(401);
    }

    [Fact]
    public async Task The_account_summary_has_money_as_two_decimal_strings_and_iso_dates()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var json = await client.GetJsonAsync($"/api/v1/accounts/{reference}");

        json["reference"]!.GetValue<string>().ShouldBe(reference);
        json["kind"]!.GetValue<string>().ShouldBe("council-tax");
        MoneyText().IsMatch(json["balance"]!.GetValue<string>()).ShouldBeTrue();
        DateText().IsMatch(json["openedOn"]!.GetValue<string>()).ShouldBeTrue();
        json["version"]!.GetValue<int>().ShouldBeGreaterThan(0);
        json["parties"]!.AsArray().Count.ShouldBeGreaterThan(0);
        foreach (var year in json["balanceByYear"]!.AsArray())
        {
            MoneyText().IsMatch(year!["balance"]!.GetValue<string>()).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task The_ledger_has_debits_credits_and_a_running_balance_that_ends_at_the_balance()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var json = await client.GetJsonAsync($"/api/v1/accounts/{reference}/ledger");

        var entries = json["entries"]!.AsArray();
        entries.Count.ShouldBeGreaterThan(0);
        foreach (var e in entries)
        {
            DateText().IsMatch(e!["date"]!.GetValue<string>()).ShouldBeTrue();
            MoneyText().IsMatch(e["runningBalance"]!.GetValue<string>()).ShouldBeTrue();
            (e["debit"] is not null ^ e["credit"] is not null).ShouldBeTrue("each line is a debit or a credit");
        }

        entries[^1]!["runningBalance"]!.GetValue<string>().ShouldBe(json["balance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Person_property_and_search_answer_in_json()
    {
        var (partyId, uprn, surname) = await app.PersonWithPropertyAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var person = await client.GetJsonAsync($"/api/v1/people/{partyId}");
        person["partyId"]!.GetValue<long>().ShouldBe(partyId);
        person["accounts"]!.AsArray().Count.ShouldBeGreaterThan(0);
        MoneyText().IsMatch(person["accounts"]![0]!["balance"]!.GetValue<string>()).ShouldBeTrue();

        var property = await client.GetJsonAsync($"/api/v1/properties/{uprn}");
        property["uprn"]!.GetValue<long>().ShouldBe(uprn);
        property["accounts"]!.AsArray().Count.ShouldBeGreaterThan(0);

        var search = await client.GetJsonAsync("/api/v1/search?q=" + Uri.EscapeDataString(surname));
        search["people"]!.AsArray().Select(p => p!["partyId"]!.GetValue<long>()).ShouldContain(partyId);
    }

    [Theory]
    [InlineData("/api/v1/accounts/123456789", "reference")]
    [InlineData("/api/v1/accounts/12345/ledger", "reference")]
    [InlineData("/api/v1/accounts/{reference}/ledger?amount=12.345", "amount")]
    [InlineData("/api/v1/accounts/{reference}/ledger?from=2025-02-30", "from")]
    [InlineData("/api/v1/people/abc", "id")]
    [InlineData("/api/v1/properties/-1", "uprn")]
    public async Task Bad_input_is_a_problem_details_naming_the_field(string path, string field)
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.GetAsync(path.Replace("{reference}", reference, StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["status"]!.GetValue<int>().ShouldBe(400);
        problem["field"]!.GetValue<string>().ShouldBe(field);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_ledger_filters_by_date_and_amount()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var all = (await client.GetJsonAsync($"/api/v1/accounts/{reference}/ledger"))["entries"]!.AsArray();
        var first = all[0]!;
        var amount = first["debit"]?.GetValue<string>() ?? first["credit"]!.GetValue<string>();
        var date = first["date"]!.GetValue<string>();

        var filtered = (await client.GetJsonAsync($"/api/v1/accounts/{reference}/ledger?from={date}&to={date}&amount={amount}"))["entries"]!.AsArray();

        filtered.Count.ShouldBeGreaterThan(0);
        filtered.All(e => e!["date"]!.GetValue<string>() == date).ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_the_payment_method_through_the_api_needs_the_api_header()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var version = (await client.GetJsonAsync($"/api/v1/accounts/{reference}"))["version"]!.GetValue<int>();

        var withoutHeader = await client.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = "card", version }, withApiHeader: false);
        withoutHeader.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var ok = await client.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = "bank-transfer", version });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!;
        json["paymentMethod"]!.GetValue<string>().ShouldBe("bank-transfer");
        json["version"]!.GetValue<int>().ShouldBe(version + 1);

        var bad = await client.PostJsonAsync($"/api/v1/accounts/{reference}/payment-method", new { paymentMethod = "cheque", version = version + 1 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"paymentMethod\"");
    }

    [Fact]
    public async Task The_calculators_answer_without_sign_in_because_they_hold_no_personal_data()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);

        var response = await anonymous.PostJsonAsync("/api/v1/calc/instalments",
            new { regime = "council-tax", total = "1520.09", issued = "2025-03-10", financialYear = 2025, dayOfMonth = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json["instalments"]!.AsArray().Count.ShouldBe(10);
        json["instalments"]![0]!["amount"]!.GetValue<string>().ShouldBe("152.09");
    }

    [Fact]
    public async Task An_unknown_calculator_is_404_with_the_contract_error_shape()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostJsonAsync("/api/v1/calc/no-such-thing", new { financialYear = 2025 });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json["error"]!["field"]!.GetValue<string>().ShouldBe("kind");
        json["error"]!["message"]!.GetValue<string>().ShouldContain("no-such-thing");
    }

    [Fact]
    public async Task A_calculator_answers_through_the_api_and_refuses_bad_money_naming_the_field()
    {
        // shared/contracts.md: POST /api/v1/calc/<kind> takes the same JSON case as `reeve calc <kind>`.
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var input = new Dictionary<string, object?>
        {
            ["financialYear"] = 2025, ["bandDCharge"] = "2280.14", ["band"] = "C", ["from"] = "2025-04-01", ["to"] = "2026-03-31",
            ["adultResidents"] = 1, ["disregardedResidents"] = 0, ["exemptionClass"] = null, ["disabledBandReduction"] = false,
            ["premium"] = null, ["reductionAmount"] = "0.00",
        };

        var ok = await client.PostJsonAsync("/api/v1/calc/council-tax", input);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        MoneyText().IsMatch(JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["netCharge"]!.GetValue<string>()).ShouldBeTrue();

        input["bandDCharge"] = "2280.145";
        var bad = await client.PostJsonAsync("/api/v1/calc/council-tax", input);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        error["error"]!["field"]!.GetValue<string>().ShouldBe("bandDCharge");
        error["field"]!.GetValue<string>().ShouldBe("bandDCharge");

        input["bandDCharge"] = "2280.14";
        input["from"] = "2025-02-30";
        var impossible = await client.PostJsonAsync("/api/v1/calc/council-tax", input);
        impossible.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await impossible.Content.ReadAsStringAsync())!["error"]!["field"]!.GetValue<string>().ShouldBe("from");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);
        var json = JsonNode.Parse(await (await anonymous.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        json["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/v1/accounts/{reference}");
        json["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/v1/calc/{kind}");

        // Money is described as the string it is written as, not as an object with pence in it.
        var document = json.ToJsonString();
        document.Contains("Pounds and pence, two decimals, no separators", StringComparison.Ordinal).ShouldBeTrue();
        document.Contains("\"pence\"", StringComparison.OrdinalIgnoreCase).ShouldBeFalse();
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);
        var response = await anonymous.GetAsync("/sign-in");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("reeve.antiforgery", StringComparison.Ordinal));
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
    }

    [Fact]
    public async Task The_front_end_assets_are_served_from_npm_packages()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);
        foreach (var path in new[]
                 {
                     "/govuk/govuk-frontend.min.css", "/govuk/govuk-frontend.min.js", "/moj/moj-frontend.min.css", "/moj/moj-frontend.min.js",
                     "/assets/fonts/bold-b542beb274-v2.woff2", "/assets/images/icon-document.svg", "/reeve/reeve.mjs", "/reeve/js-enabled.js",
                 })
        {
            (await anonymous.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }
}
