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
    private const string WrongMessage = "The username or password is not right";

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
            o => o.FailedSignIns.ShouldBe(0),
            o => o.LockedUntil.ShouldBeNull());
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
    public async Task Five_wrong_passwords_lock_the_account_against_even_the_right_one_for_15_minutes()
    {
        // Lockout slows guessing: five wrong in a row and the account is shut for fifteen minutes.
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 4; i++)
        {
            (await SignInAsync("jsmith", "wrong password " + i)).Problem.ShouldBe(WrongMessage);
        }

        (await SignInAsync("jsmith", "wrong password 5")).Problem.ShouldNotBeNull().ShouldContain("locked");

        var locked = await SignInAsync("jsmith", Password);
        locked.Officer.ShouldBeNull();
        locked.Problem.ShouldNotBeNull().ShouldContain("locked");

        Clock.Advance(Duration.FromMinutes(15) - Duration.FromSeconds(1));
        (await SignInAsync("jsmith", Password)).Officer.ShouldBeNull();

        Clock.Advance(Duration.FromSeconds(1));
        (await SignInAsync("jsmith", Password)).Officer.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_locked_account_records_when_the_lock_ends()
    {
        await CreateOfficerAsync("jsmith", Password);
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync("jsmith", "wrong password");
        }

        var officer = (await ReadAsync(connection => OfficerStore.GetAsync(connection, "jsmith"))).ShouldNotBeNull();

        officer.LockedUntil.ShouldBe(Now + Duration.FromMinutes(15));
        Lockout.IsLocked(officer, Now).ShouldBeTrue();
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
        (await ReadAsync(connection => OfficerStore.GetAsync(connection, "jsmith"))).ShouldNotBeNull().FailedSignIns.ShouldBe(0);
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
}
