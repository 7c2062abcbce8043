using System.Net;
using Reeve.Officers;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SignInTests(ReeveAppFixture app)
{
    [Fact]
    public async Task Every_page_except_sign_in_needs_a_signed_in_officer()
    {
        using var anonymous = new OfficerClient(app.BaseAddress);
        foreach (var path in new[] { "/", "/audit", "/people/1", "/properties/1", "/accounts/500000013" })
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
        }

        (await anonymous.GetAsync("/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_is_audited()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = new OfficerClient(app.BaseAddress);

        var response = await client.SignInAsync(username, "not-the-password");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("The username or password is not right");
        html.ShouldContain("govuk-error-summary");
        (await app.CountAsync("select count(*) from audit_log where officer = @username and action = 'sign-in-failed' and remote_address is not null",
            new { username })).ShouldBe(1);
    }

    [Fact]
    public async Task Five_wrong_passwords_shut_this_computer_out_even_against_the_right_one_with_the_same_message()
    {
        // Lockout policy: five failures in a row from one address shut it out for fifteen minutes (Reeve.Officers.Lockout);
        // the message is the one any wrong password gets, so it never says that the username exists.
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = new OfficerClient(app.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(username, "wrong-" + i);
        }

        var right = await client.SignInAsync(username, ReeveAppFixture.Password);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        var unknown = await client.SignInAsync("nobody-" + username, ReeveAppFixture.Password);
        Refusal(await right.Content.ReadAsStringAsync()).ShouldBe(OfficerStore.Refused);
        Refusal(await unknown.Content.ReadAsStringAsync()).ShouldBe(OfficerStore.Refused);
    }

    private static string Refusal(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<p id=\"username-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ([^<]*)</p>").Groups[1].Value);

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        using var client = new OfficerClient(app.BaseAddress);
        var response = await client.PostFormAsync("/sign-in",
            new() { ["username"] = "officer", ["password"] = ReeveAppFixture.Password }, withToken: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Signing_in_and_out_are_audited_and_sign_out_ends_the_session()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = await OfficerClient.SignedInAsync(app, username);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signOut = await client.PostFormAsync("/sign-out", [], formPage: "/");

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CountAsync("select count(*) from audit_log where officer = @username and action in ('sign-in', 'sign-out')", new { username })).ShouldBe(2);
    }

    [Fact]
    public async Task The_header_names_the_officer_and_their_role()
    {
        using var client = await OfficerClient.SignedInAsync(app, "teamleader");
        var html = await client.GetPageAsync("/");
        html.ShouldContain("Dan Morgan");
        html.ShouldContain("Team Leader");
        html.ShouldContain("Sign out");
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var username = await app.NewOfficerAsync(Role.Officer);
        using var client = await OfficerClient.SignedInAsync(app, username);
        var cookie = client.Cookie("reeve.officer").ShouldNotBeNull();

        (await client.PostFormAsync("/sign-out", [], formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var replay = new OfficerClient(app.BaseAddress);
        replay.SetCookie("reeve.officer", cookie);
        var page = await replay.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
        var api = await replay.GetAsync("/api/v1/search?q=smith");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
