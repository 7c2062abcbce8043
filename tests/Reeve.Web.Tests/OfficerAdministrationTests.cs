using System.Net;
using System.Text.RegularExpressions;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>Officer administration through the pages: who may use them, what they refuse (naming the field), and the one-time link.</summary>
[Collection(WebCollection.Name)]
public sealed partial class OfficerAdministrationTests(ReeveAppFixture app)
{
    private const string NewPassword = "three random words here";

    [GeneratedRegex("/officers/set-password\\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    private async Task<(OfficerClient Admin, string Username)> AdminAsync()
    {
        var username = await app.NewOfficerAsync(Role.SystemAdministrator);
        return (await OfficerClient.SignedInAsync(app, username), username);
    }

    private Dictionary<string, string> Form(string username, string role = "Officer", string limit = "") => new()
    {
        ["username"] = username,
        ["displayName"] = "Pat Example",
        ["email"] = "pat@example.gov.uk",
        ["role"] = role,
        ["councils"] = app.HomeCouncil.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["approvalLimit"] = limit,
    };

    private static string NewUsername() => "pat-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task ShouldBeRefusedNamingAsync(HttpResponseMessage response, string field, string message)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain($"<a href=\"#{field}\">{WebUtility.HtmlEncode(message)}", Case.Sensitive);
        html.ShouldContain($"id=\"{field}-error\"");
    }

    [Theory]
    [InlineData(Role.Officer)]
    [InlineData(Role.TeamLeader)]
    [InlineData(Role.Manager)]
    [InlineData(Role.Auditor)]
    public async Task Only_a_System_Administrator_may_open_or_post_the_officer_pages(Role role)
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(role));

        (await client.GetAsync("/officers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/officers/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/officers/1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var username = NewUsername();
        var signIn = await client.GetPageAsync("/");
        var fields = Form(username);
        fields["__RequestVerificationToken"] = OfficerClient.Token(signIn);
        (await client.PostFormAsync("/officers/new", fields, withToken: false)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CountAsync("select count(*) from officer where username = @username", new { username })).ShouldBe(0);
    }

    [Fact]
    public async Task An_administrator_creates_an_officer_who_sets_a_password_by_the_link_and_signs_in()
    {
        var (admin, adminName) = await AdminAsync();
        using var _ = admin;
        var username = NewUsername();

        var created = await admin.PostFormAsync("/officers/new", Form(username, "TeamLeader", "750.00"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await created.Content.ReadAsStringAsync();
        var token = LinkPattern().Match(html).Groups[1].Value;
        token.Length.ShouldBeGreaterThan(30);
        (await app.CountAsync("select count(*) from audit_log where officer = @adminName and action = @action and subject_id = @username",
            new { adminName, action = AdministerOfficers.Actions.Create, username })).ShouldBe(1);

        using var officer = new OfficerClient(app.BaseAddress);
        (await officer.SignInAsync(username, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK, "no password yet");
        var set = await officer.PostFormAsync("/officers/set-password", new() { ["token"] = token, ["password"] = NewPassword, ["confirmPassword"] = NewPassword },
            formPage: "/officers/set-password?token=" + token);
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        set.Headers.Location!.ToString().ShouldBe("/sign-in?password-set=true");

        (await officer.SignInAsync(username, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetAsync("/officers/set-password?token=" + token)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the link is used up");
    }

    [Fact]
    public async Task A_duplicate_username_is_refused_naming_the_field()
    {
        var (admin, _) = await AdminAsync();
        using var __ = admin;
        var existing = await app.NewOfficerAsync(Role.Officer);

        var response = await admin.PostFormAsync("/officers/new", Form(existing.ToUpperInvariant()));

        await ShouldBeRefusedNamingAsync(response, "username", $"There is already an officer with the username {existing}: choose another");
    }

    [Fact]
    public async Task A_role_that_does_not_exist_is_refused_naming_the_field()
    {
        var (admin, _) = await AdminAsync();
        using var __ = admin;
        var username = NewUsername();

        var response = await admin.PostFormAsync("/officers/new", Form(username, "Superuser"));

        await ShouldBeRefusedNamingAsync(response, "role", OfficerRules.UnknownRole);
        (await app.CountAsync("select count(*) from officer where username = @username", new { username })).ShouldBe(0);
    }

    [Fact]
    public async Task A_System_Administrator_given_an_approval_limit_is_refused_naming_the_field()
    {
        var (admin, _) = await AdminAsync();
        using var __ = admin;
        var username = NewUsername();

        var response = await admin.PostFormAsync("/officers/new", Form(username, "SystemAdministrator", "100"));

        await ShouldBeRefusedNamingAsync(response, "approvalLimit", OfficerRules.ApprovalLimitProblem(Role.SystemAdministrator, Kernel.Money.FromPounds(100))!);
        (await app.CountAsync("select count(*) from officer where username = @username", new { username })).ShouldBe(0);
    }

    [Fact]
    public async Task An_administrator_may_neither_remove_their_own_role_nor_disable_themselves()
    {
        var (admin, adminName) = await AdminAsync();
        using var __ = admin;
        var id = await app.QueryAsync<long>("select officer_id from officer where username = @adminName", new { adminName });

        var demote = await admin.PostFormAsync($"/officers/{id}", new()
        {
            ["displayName"] = "Test System Administrator", ["role"] = "Manager", ["councils"] = app.HomeCouncil.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await ShouldBeRefusedNamingAsync(demote, "role",
            "You may not remove your own System Administrator role: another administrator must, so that there is always one");

        var disable = await admin.PostFormAsync($"/officers/{id}?handler=Disable", [], formPage: $"/officers/{id}");
        await ShouldBeRefusedNamingAsync(disable, "disable",
            "You may not disable your own account: another administrator must, so that there is always one");

        (await app.CountAsync("select count(*) from officer where username = @adminName and role = 'SystemAdministrator' and disabled_at is null",
            new { adminName })).ShouldBe(1);
    }

    [Fact]
    public async Task Disabling_an_officer_signs_them_out_at_once_and_keeps_them_out()
    {
        var (admin, _) = await AdminAsync();
        using var __ = admin;
        var username = await app.NewOfficerAsync(Role.Officer);
        using var officer = await OfficerClient.SignedInAsync(app, username);
        (await officer.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await app.QueryAsync<long>("select officer_id from officer where username = @username", new { username });

        var disabled = await admin.PostFormAsync($"/officers/{id}?handler=Disable", [], formPage: $"/officers/{id}");

        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await officer.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
        (await officer.SignInAsync(username, ReeveAppFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "a disabled officer cannot sign in");
    }

    [Fact]
    public async Task A_reset_link_is_shown_once_and_the_list_shows_the_officer()
    {
        var (admin, _) = await AdminAsync();
        using var __ = admin;
        var username = await app.NewOfficerAsync(Role.Manager);
        var id = await app.QueryAsync<long>("select officer_id from officer where username = @username", new { username });

        var issued = await admin.PostFormAsync($"/officers/{id}?handler=ResetLink", [], formPage: $"/officers/{id}");
        var html = await issued.Content.ReadAsStringAsync();
        var token = LinkPattern().Match(html).Groups[1].Value;
        token.ShouldNotBeEmpty();

        (await admin.GetPageAsync($"/officers/{id}")).ShouldNotContain(token);
        (await admin.GetPageAsync("/officers")).ShouldContain(username);
    }
}
