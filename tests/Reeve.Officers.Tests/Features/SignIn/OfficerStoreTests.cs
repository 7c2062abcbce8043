using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

public sealed class OfficerStoreOnSqlite() : OfficerStoreTests(new SqliteEngine());

public sealed class OfficerStoreOnPostgres() : OfficerStoreTests(new PostgresEngine());

public abstract class OfficerStoreTests(IDatabaseEngine engine) : OfficersTest(engine)
{
    private const string Password = "correct horse battery";
    private static readonly string WrongMessage = OfficerStore.Refused;

    [Fact]
    public async Task A_password_under_12_characters_is_refused()
    {
        // Length beats complexity rules (NCSC password guidance); twelve is Reeve's floor.
        await Should.ThrowAsync<ArgumentException>(() => CreateOfficerAsync("jsmith", "elevenchars"));

        (await ReadAsync(OfficerStore.CountAsync)).ShouldBe(0);
    }

    [Fact]
    public async Task A_password_of_exactly_12_characters_is_accepted()
    {
        await CreateOfficerAsync("jsmith", "twelve chars");

        (await SignInAsync("jsmith", "twelve chars")).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_officer_reads_back_with_role_and_councils_including_the_home_council()
    {
        await Councils.SeedOtherAsync(Db, Now);
        var id = await CreateOfficerAsync("jsmith", Password, Role.TeamLeader, councils: [Councils.Other]);

        var officer = (await ReadAsync(connection => OfficerStore.GetAsync(connection, "jsmith"))).ShouldNotBeNull();

        officer.ShouldSatisfyAllConditions(
            o => o.OfficerId.ShouldBe(id),
            o => o.Username.ShouldBe("jsmith"),
            o => o.DisplayName.ShouldBe("Test Officer"),
            o => o.Role.ShouldBe(Role.TeamLeader),
            o => o.HomeCouncil.ShouldBe(Council),
            o => o.Councils.ShouldBe([Council, Councils.Other]),
            o => o.Councils.ShouldBe([Council, Councils.Other]));
    }

    [Fact]
    public async Task The_stored_hash_is_not_the_password()
    {
        await CreateOfficerAsync("jsmith", Password);

        var hash = await ReadAsync(connection => connection.ExecuteScalarAsync<string>("select password_hash from officer"));

        hash.ShouldNotBeNullOrWhiteSpace();
        hash.ShouldNotContain(Password);
        hash.ShouldNotContain("horse");
    }

    [Theory]
    [InlineData("jsmith")]
    [InlineData("JSmith")]
    [InlineData("JSMITH")]
    [InlineData(" jsmith ")]
    public async Task The_right_password_signs_in_whatever_the_case_of_the_username(string typed)
    {
        await CreateOfficerAsync("JSmith", Password, Role.Manager);

        var result = await SignInAsync(typed, Password);

        result.Problem.ShouldBeNull();
        var officer = result.Officer.ShouldNotBeNull();
        officer.Username.ShouldBe("jsmith");
        officer.Role.ShouldBe(Role.Manager);
    }

    [Fact]
    public async Task A_username_created_with_stray_spaces_is_stored_trimmed_and_can_sign_in()
    {
        // Sign-in trims what is typed, so an account stored with its spaces could never be signed in to.
        await CreateOfficerAsync(" JSmith ", Password);

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull().Username.ShouldBe("jsmith");
        (await ReadAsync(connection => OfficerStore.GetAsync(connection, " jsmith"))).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_username_get_the_same_message()
    {
        // Telling the two apart would let anyone discover which usernames exist.
        await CreateOfficerAsync("jsmith", Password);

        var wrongPassword = await SignInAsync("jsmith", "not the password");
        var unknownUser = await SignInAsync("nobody", Password);

        wrongPassword.ShouldBe(new OfficerStore.SignInResult(null, WrongMessage));
        unknownUser.ShouldBe(wrongPassword);
    }

    [Fact]
    public async Task The_password_is_case_sensitive()
    {
        await CreateOfficerAsync("jsmith", Password);

        (await SignInAsync("jsmith", Password.ToUpperInvariant())).Officer.ShouldBeNull();
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_shut_that_address_out_for_15_minutes_with_the_same_message()
    {
        // Lockout slows guessing from one place; its message is the one a wrong password gets, so it never tells an
        // attacker that the username exists.
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 5; i++)
        {
            (await SignInAsync("jsmith", "wrong password " + i)).Problem.ShouldBe(WrongMessage);
        }

        var locked = await SignInAsync("jsmith", Password);
        locked.ShouldBe(new OfficerStore.SignInResult(null, WrongMessage));
        (await SignInAsync("nobody", Password)).ShouldBe(locked);

        Clock.Advance(Duration.FromMinutes(15) - Duration.FromSeconds(1));
        (await SignInAsync("jsmith", Password)).Officer.ShouldBeNull();

        Clock.Advance(Duration.FromSeconds(1));
        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task Wrong_passwords_from_another_address_do_not_shut_the_officer_out_at_their_own_desk()
    {
        // Anyone can type a username: a lock on the account itself would let them keep any officer out.
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 10; i++)
        {
            await SignInAsync("jsmith", "wrong password", from: "203.0.113.9");
        }

        (await SignInAsync("jsmith", Password, from: "203.0.113.9")).Officer.ShouldBeNull();
        (await SignInAsync("jsmith", Password, from: "10.1.2.3")).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_locked_address_records_when_the_lock_ends_and_who_is_locked_out()
    {
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync("jsmith", "wrong password");
        }

        var locks = await ReadAsync(connection => OfficerStore.LocksAsync(connection, Council, Now));

        var only = locks.ShouldHaveSingleItem();
        only.Username.ShouldBe("jsmith");
        only.RemoteAddress.ShouldBe(TestAddress);
        only.LockedUntil.ShouldBe(Now + Duration.FromMinutes(15));
    }

    [Fact]
    public async Task A_team_leader_unlocks_an_officer_and_the_unlock_is_audited()
    {
        await CreateOfficerAsync("jsmith", Password);
        await CreateOfficerAsync("leader", Password, Role.TeamLeader);
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync("jsmith", "wrong password");
        }

        var done = await InTransactionAsync((c, tx) => UnlockOfficer.HandleAsync(c, tx, Council, "jsmith", "leader", Role.TeamLeader, "10.9.9.9", Now));

        done.ShouldBeOfType<Outcome<int>.Done>().Value.ShouldBe(1);
        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from audit_log where officer = 'leader' and action = 'unlock' and subject_id = 'jsmith'"))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Role.Officer)]
    [InlineData(Role.Auditor)]
    public async Task Only_team_leaders_managers_and_administrators_may_unlock(Role role)
    {
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync("jsmith", "wrong password");
        }

        var refused = await InTransactionAsync((c, tx) => UnlockOfficer.HandleAsync(c, tx, Council, "jsmith", "someone", role, null, Now));

        refused.ShouldBeOfType<Outcome<int>.Conflict>().Message.ShouldContain("Team Leader");
        (await SignInAsync("jsmith", Password)).Officer.ShouldBeNull();
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count_of_wrong_passwords()
    {
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 4; i++)
        {
            await SignInAsync("jsmith", "wrong password");
        }

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        for (var i = 1; i <= 4; i++)
        {
            (await SignInAsync("jsmith", "wrong password")).Problem.ShouldBe(WrongMessage);
        }

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        (await ReadAsync(connection => OfficerStore.LocksAsync(connection, Council, Now))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Wrong_passwords_are_counted_per_officer()
    {
        await CreateOfficerAsync("jsmith", Password);
        await CreateOfficerAsync("adoe", Password);
        for (var i = 1; i <= 4; i++)
        {
            await SignInAsync("jsmith", "wrong password");
            await SignInAsync("adoe", "wrong password");
        }

        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
        (await SignInAsync("adoe", Password)).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_session_lives_until_it_is_ended_and_never_after()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var session = await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));
        var other = await InTransactionAsync((c, tx) => OfficerSessions.StartAsync(c, tx, id, Now));

        session.Length.ShouldBeGreaterThanOrEqualTo(40);
        session.ShouldNotBe(other);
        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, session))).ShouldBeTrue();

        await ReadAsync(c => OfficerSessions.EndAsync(c, session));

        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, session))).ShouldBeFalse();
        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, other))).ShouldBeTrue();
        (await ReadAsync(c => OfficerSessions.IsLiveAsync(c, "made-up"))).ShouldBeFalse();
    }
}
