using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

public sealed class AdministerOfficersOnSqlite() : AdministerOfficersTests(new SqliteEngine());

public sealed class AdministerOfficersOnPostgres() : AdministerOfficersTests(new PostgresEngine());

public abstract class AdministerOfficersTests(IDatabaseEngine engine) : OfficersTest(engine)
{
    private const string Password = "correct horse battery";
    private static readonly AdminActor Admin = new("admin", Role.SystemAdministrator, new CouncilId(1), TestAddress);

    private static OfficerDetails Details(string role = "Officer", Money? limit = null, IReadOnlyList<CouncilId>? councils = null, string name = "Jo Smith") =>
        new(name, "jo.smith@example.gov.uk", role, councils ?? [new CouncilId(1)], limit);

    private async Task<IssuedLink> CreateAsync(string username, OfficerDetails details, AdminActor? actor = null) =>
        (await InTransactionAsync((c, tx) => AdministerOfficers.CreateAsync(c, tx, actor ?? Admin, username, details, Now)))
        .ShouldBeOfType<Outcome<IssuedLink>.Done>().Value;

    private Task<Outcome<IssuedLink>> TryCreateAsync(string username, OfficerDetails details, AdminActor? actor = null) =>
        InTransactionAsync((c, tx) => AdministerOfficers.CreateAsync(c, tx, actor ?? Admin, username, details, Now));

    private Task<Outcome<string>> SetPasswordAsync(string token, string password, string? confirm = null) =>
        InTransactionAsync((c, tx) => PasswordLinks.SetPasswordAsync(c, tx, token, password, confirm ?? password, TestAddress, Now));

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(string username) =>
        ReadAsync(c => AuditTrail.ForSubjectAsync(c, Council, AdministerOfficers.SubjectKind, username));

    private async Task<int> AdminIdAsync() => await CreateOfficerAsync("admin", Password, Role.SystemAdministrator);

    [Fact]
    public async Task A_new_officer_has_no_password_until_they_use_their_link_then_signs_in_with_it()
    {
        var link = await CreateAsync("JSmith", Details("TeamLeader", Money.FromPounds(500)));

        var officer = (await ReadAsync(c => AdministerOfficers.GetAsync(c, link.OfficerId, Now))).ShouldNotBeNull();
        officer.ShouldSatisfyAllConditions(
            o => o.Username.ShouldBe("jsmith"),
            o => o.Role.ShouldBe(Role.TeamLeader),
            o => o.ApprovalLimit.ShouldBe(Money.FromPounds(500)),
            o => o.Email.ShouldBe("jo.smith@example.gov.uk"),
            o => o.HasPassword.ShouldBeFalse());
        (await SignInAsync("jsmith", "")).Officer.ShouldBeNull();
        link.ExpiresAt.ShouldBe(Now + Duration.FromHours(24));

        (await SetPasswordAsync(link.Token, Password)).ShouldBe(new Outcome<string>.Done("jsmith"));

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull().Role.ShouldBe(Role.TeamLeader);
        (await AuditAsync("jsmith")).Select(a => a.Action).ShouldBe(
            [PasswordLinks.SetAction, AdministerOfficers.Actions.IssueLink, AdministerOfficers.Actions.Create]);
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored()
    {
        var link = await CreateAsync("jsmith", Details());

        var stored = await ReadAsync(c => c.QuerySingleAsync<string>("select token_hash from officer_password_link"));

        stored.ShouldNotContain(link.Token);
        stored.ShouldBe(PasswordLinks.Hash(link.Token));
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var link = await CreateAsync("jsmith", Details());
        await SetPasswordAsync(link.Token, Password);

        (await SetPasswordAsync(link.Token, "another long password")).ShouldBeOfType<Outcome<string>.NotFound>();

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        (await SignInAsync("jsmith", "another long password")).Officer.ShouldBeNull();
    }

    [Fact]
    public async Task A_link_expires_after_24_hours()
    {
        var link = await CreateAsync("jsmith", Details());

        Clock.Advance(Duration.FromHours(24));

        (await ReadAsync(c => PasswordLinks.FindAsync(c, link.Token, Now))).ShouldBeNull();
        (await SetPasswordAsync(link.Token, Password)).ShouldBeOfType<Outcome<string>.NotFound>();
    }

    [Fact]
    public async Task A_link_one_second_before_expiry_still_works()
    {
        var link = await CreateAsync("jsmith", Details());

        Clock.Advance(Duration.FromHours(24) - Duration.FromSeconds(1));

        (await SetPasswordAsync(link.Token, Password)).ShouldBeOfType<Outcome<string>.Done>();
    }

    [Fact]
    public async Task A_password_under_the_rules_or_not_typed_twice_alike_is_refused_and_the_link_still_works()
    {
        var link = await CreateAsync("jsmith", Details());

        (await SetPasswordAsync(link.Token, "elevenchars")).ShouldBe(new Outcome<string>.Invalid("password", "A password must be at least 12 characters"));
        (await SetPasswordAsync(link.Token, Password, "something else entirely")).ShouldBeOfType<Outcome<string>.Invalid>().Field.ShouldBe("confirmPassword");

        (await SetPasswordAsync(link.Token, Password)).ShouldBeOfType<Outcome<string>.Done>();
    }

    [Fact]
    public async Task A_reset_link_ends_the_officers_sessions_and_replaces_the_password()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));
        await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));

        var link = (await InTransactionAsync((c, tx) => AdministerOfficers.IssueResetLinkAsync(c, tx, Admin, id, Now)))
            .ShouldBeOfType<Outcome<IssuedLink>.Done>().Value;
        (await SetPasswordAsync(link.Token, "a brand new password")).ShouldBeOfType<Outcome<string>.Done>();

        (await ReadAsync(c => c.ExecuteScalarAsync<int>("select count(*) from officer_session"))).ShouldBe(0);
        (await SignInAsync("jsmith", Password)).Officer.ShouldBeNull();
        (await SignInAsync("jsmith", "a brand new password")).Officer.ShouldNotBeNull();
        (await AuditAsync("jsmith"))[0].Detail.ShouldContain("2 other sessions ended");
    }

    [Fact]
    public async Task A_new_link_retires_the_earlier_unused_one()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var first = (await InTransactionAsync((c, tx) => AdministerOfficers.IssueResetLinkAsync(c, tx, Admin, id, Now))).ShouldBeOfType<Outcome<IssuedLink>.Done>().Value;
        var second = (await InTransactionAsync((c, tx) => AdministerOfficers.IssueResetLinkAsync(c, tx, Admin, id, Now))).ShouldBeOfType<Outcome<IssuedLink>.Done>().Value;

        (await SetPasswordAsync(first.Token, "a brand new password")).ShouldBeOfType<Outcome<string>.NotFound>();
        (await SetPasswordAsync(second.Token, "a brand new password")).ShouldBeOfType<Outcome<string>.Done>();
    }

    [Theory]
    [InlineData("jsmith")]
    [InlineData("JSMITH")]
    [InlineData(" jsmith ")]
    public async Task A_duplicate_username_is_refused_whatever_its_case(string typed)
    {
        await CreateOfficerAsync("jsmith", Password);

        var outcome = await TryCreateAsync(typed, Details());

        outcome.ShouldBeOfType<Outcome<IssuedLink>.Invalid>().Field.ShouldBe("username");
        (await ReadAsync(OfficerStore.CountAsync)).ShouldBe(1);
    }

    [Theory]
    [InlineData("Superuser")]
    [InlineData("5")]
    [InlineData("")]
    public async Task A_role_that_does_not_exist_is_refused(string role)
    {
        var outcome = await TryCreateAsync("jsmith", Details(role));

        outcome.ShouldBe(new Outcome<IssuedLink>.Invalid("role", OfficerRules.UnknownRole));
        (await ReadAsync(OfficerStore.CountAsync)).ShouldBe(0);
    }

    [Fact]
    public async Task A_System_Administrator_given_an_approval_limit_is_refused()
    {
        // Issue 19: administration is kept apart from money; an administrator may neither make nor approve a money step.
        var outcome = await TryCreateAsync("jsmith", Details("SystemAdministrator", Money.FromPounds(100)));

        outcome.ShouldBeOfType<Outcome<IssuedLink>.Invalid>().Field.ShouldBe("approvalLimit");
        (await ReadAsync(OfficerStore.CountAsync)).ShouldBe(0);
    }

    [Fact]
    public async Task A_System_Administrator_with_no_approval_limit_is_created()
    {
        (await TryCreateAsync("jsmith", Details("SystemAdministrator"))).ShouldBeOfType<Outcome<IssuedLink>.Done>();
    }

    [Fact]
    public async Task Giving_an_approval_limit_to_an_officer_who_becomes_an_administrator_is_refused()
    {
        var link = await CreateAsync("jsmith", Details("Manager", Money.FromPounds(1000)));

        var outcome = await InTransactionAsync((c, tx) =>
            AdministerOfficers.EditAsync(c, tx, Admin, link.OfficerId, Details("SystemAdministrator", Money.FromPounds(1000)), Now));

        outcome.ShouldBeOfType<Outcome<string>.Invalid>().Field.ShouldBe("approvalLimit");
        (await ReadAsync(c => AdministerOfficers.GetAsync(c, link.OfficerId, Now)))!.Role.ShouldBe(Role.Manager);
    }

    [Fact]
    public async Task A_council_that_does_not_exist_is_refused()
    {
        var outcome = await TryCreateAsync("jsmith", Details(councils: [new CouncilId(1), new CouncilId(77)]));

        outcome.ShouldBe(new Outcome<IssuedLink>.Invalid("councils", "Select councils that exist: there is no council 77"));
    }

    [Fact]
    public async Task Only_a_System_Administrator_may_create_an_officer()
    {
        var manager = Admin with { Username = "boss", Role = Role.Manager };

        (await TryCreateAsync("jsmith", Details(), manager)).ShouldBeOfType<Outcome<IssuedLink>.Conflict>();
        (await ReadAsync(OfficerStore.CountAsync)).ShouldBe(0);
    }

    [Fact]
    public async Task An_administrator_may_not_remove_their_own_administrator_role()
    {
        var id = await AdminIdAsync();

        var outcome = await InTransactionAsync((c, tx) => AdministerOfficers.EditAsync(c, tx, Admin, id, Details("Manager", name: "Ad Min"), Now));

        outcome.ShouldBeOfType<Outcome<string>.Invalid>().Field.ShouldBe("role");
        (await ReadAsync(c => AdministerOfficers.GetAsync(c, id, Now)))!.Role.ShouldBe(Role.SystemAdministrator);
    }

    [Fact]
    public async Task An_administrator_may_not_disable_themselves()
    {
        var id = await AdminIdAsync();

        var outcome = await InTransactionAsync((c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Admin, id, true, Now));

        outcome.ShouldBeOfType<Outcome<string>.Invalid>().Field.ShouldBe("disable");
        (await SignInAsync("admin", Password)).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_disabled_officer_cannot_sign_in_and_their_sessions_end_at_once_until_enabled_again()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var session = await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));

        (await InTransactionAsync((c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Admin, id, true, Now))).ShouldBeOfType<Outcome<string>.Done>();

        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, session))).ShouldBeFalse();
        (await SignInAsync("jsmith", Password)).ShouldBe(new OfficerStore.SignInResult(null, OfficerStore.Refused));

        (await InTransactionAsync((c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Admin, id, false, Now))).ShouldBeOfType<Outcome<string>.Done>();
        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        (await AuditAsync("jsmith")).Select(a => a.Action).ShouldBe([AdministerOfficers.Actions.Enable, AdministerOfficers.Actions.Disable]);
    }

    [Fact]
    public async Task A_disabled_officers_link_does_not_work()
    {
        var link = await CreateAsync("jsmith", Details());
        await InTransactionAsync((c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Admin, link.OfficerId, true, Now));

        (await SetPasswordAsync(link.Token, Password)).ShouldBeOfType<Outcome<string>.NotFound>();
    }

    [Fact]
    public async Task Changing_role_and_councils_is_audited_with_what_changed_and_ends_the_officers_sessions()
    {
        await Councils.SeedOtherAsync(Db, Now);
        var link = await CreateAsync("jsmith", Details("Officer"));
        await SetPasswordAsync(link.Token, Password);
        var session = await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, link.OfficerId, Now));

        var outcome = await InTransactionAsync((c, tx) => AdministerOfficers.EditAsync(
            c, tx, Admin, link.OfficerId, Details("TeamLeader", Money.FromPounds(250), [new CouncilId(1), Councils.Other]), Now));

        outcome.ShouldBeOfType<Outcome<string>.Done>();
        var officer = (await ReadAsync(c => OfficerStore.GetAsync(c, "jsmith"))).ShouldNotBeNull();
        officer.Role.ShouldBe(Role.TeamLeader);
        officer.Councils.ShouldBe([new CouncilId(1), Councils.Other]);
        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, session))).ShouldBeFalse();
        (await AuditAsync("jsmith"))[0].Detail.ShouldBe(
            "Changed Jo Smith (jsmith): role from Officer to Team Leader; councils from 1 to 1, 2; approval limit from no approval limit to approval limit £250.00; 1 session ended");
    }

    [Fact]
    public async Task The_list_shows_last_sign_in_disabled_and_locked()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        await CreateOfficerAsync("locked", Password);
        await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));
        for (var i = 0; i < Lockout.MaxFailedSignIns; i++)
        {
            await SignInAsync("locked", "wrong password!");
        }

        var list = await ReadAsync(c => AdministerOfficers.ListAsync(c, Now));

        list.Select(o => (o.Username, o.LastSignedInAt, o.Locked)).ShouldBe([("jsmith", (Instant?)Now, false), ("locked", null, true)]);
    }
}
