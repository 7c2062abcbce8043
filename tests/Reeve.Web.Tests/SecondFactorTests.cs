using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>Issue 19: a local account's second factor (TOTP), set up by the officer and asked for at sign-in.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SecondFactorTests(ReeveAppFixture app)
{
    private string CodeFor(string secret, long offset = 0) =>
        Totp.Code(Totp.FromBase32(secret), Totp.StepAt(app.Clock.GetCurrentInstant()) + offset);

    [Fact]
    public async Task An_officer_sets_up_a_second_factor_and_sign_in_then_asks_for_a_code()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var officer = await OfficerClient.SignedInAsync(app, username);
        var started = await officer.PostFormAsync("/account/two-factor?handler=start", [], formPage: "/account/two-factor");
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/account/two-factor"));
        var uri = UriPattern().Match(page);
        uri.Success.ShouldBeTrue("the page shows the otpauth URI as text");
        uri.Value.ShouldContain(username);
        var secret = uri.Groups["secret"].Value;
        (await officer.PostFormAsync("/account/two-factor?handler=confirm", new() { ["code"] = "12345" }, formPage: "/account/two-factor"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = CodeFor(secret, -1);
        (await officer.PostFormAsync("/account/two-factor?handler=confirm", new() { ["code"] = first }, formPage: "/account/two-factor"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.PostFormAsync("/sign-out", [], formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var again = new OfficerClient(app.BaseAddress);
        var password = await again.SignInAsync(username, ReeveAppFixture.Password);
        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.OriginalString.ShouldStartWith("/sign-in/code");
        (await again.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a password alone does not sign in");
        var wrong = await again.PostFormAsync("/sign-in/code", new() { ["code"] = first });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK, "the code used to confirm is not taken again");
        var right = await again.PostFormAsync("/sign-in/code", new() { ["code"] = CodeFor(secret) });

        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await again.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CountAsync("select count(*) from audit_log where officer = @username and action = 'sign-in' and detail like '%second factor%'", new { username }))
            .ShouldBe(1);
    }

    [Fact]
    public async Task The_code_page_without_a_right_password_first_signs_no_one_in()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);

        var response = await anonymous.GetAsync("/sign-in/code");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/sign-in");
        (await anonymous.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [GeneratedRegex(@"otpauth://totp/[^\s<""]*\?secret=(?<secret>[A-Z2-7]+)[^\s<""]*")]
    private static partial Regex UriPattern();
}
