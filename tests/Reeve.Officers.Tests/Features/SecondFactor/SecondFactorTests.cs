using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

public sealed class SecondFactorOnSqlite() : SecondFactorTests(new SqliteEngine());

public sealed class SecondFactorOnPostgres() : SecondFactorTests(new PostgresEngine());

public abstract class SecondFactorTests(IDatabaseEngine engine) : OfficersTest(engine)
{
    private const string Password = "correct horse battery";

    private Task<string> StartAsync(int officerId) =>
        InTransactionAsync(async (c, tx) => (await SecondFactors.StartEnrolmentAsync(c, tx, officerId, Now)).ShouldBeOfType<Outcome<string>.Done>().Value);

    private Task<bool> ConfirmAsync(int officerId, string code) => InTransactionAsync((c, tx) => SecondFactors.ConfirmAsync(c, tx, officerId, code, Now));

    private Task<bool> VerifyAsync(int officerId, string code) => InTransactionAsync((c, tx) => SecondFactors.VerifyAsync(c, tx, officerId, code, Now));

    private string CodeNow(string secret, long offset = 0) => Totp.Code(Totp.FromBase32(secret), Totp.StepAt(Now) + offset);

    [Fact]
    public async Task An_officer_without_a_second_factor_is_not_asked_for_one()
    {
        var id = await CreateOfficerAsync("jsmith", Password);

        (await ReadAsync(c => SecondFactors.IsEnrolledAsync(c, id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Enrolment_counts_only_once_confirmed_with_a_right_code()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var secret = await StartAsync(id);

        (await ReadAsync(c => SecondFactors.IsEnrolledAsync(c, id))).ShouldBeFalse();
        (await ConfirmAsync(id, "000000" == CodeNow(secret) ? "111111" : "000000")).ShouldBeFalse();
        (await ReadAsync(c => SecondFactors.IsEnrolledAsync(c, id))).ShouldBeFalse();

        (await ConfirmAsync(id, CodeNow(secret))).ShouldBeTrue();

        (await ReadAsync(c => SecondFactors.IsEnrolledAsync(c, id))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_signs_in_once_and_a_wrong_or_replayed_code_does_not()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var secret = await StartAsync(id);
        (await ConfirmAsync(id, CodeNow(secret, -1))).ShouldBeTrue();

        (await VerifyAsync(id, CodeNow(secret, -1))).ShouldBeFalse();
        (await VerifyAsync(id, "not a code")).ShouldBeFalse();
        (await VerifyAsync(id, CodeNow(secret))).ShouldBeTrue();
        (await VerifyAsync(id, CodeNow(secret))).ShouldBeFalse();

        Clock.Advance(Duration.FromSeconds(30));
        (await VerifyAsync(id, CodeNow(secret))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_confirmed_second_factor_is_not_replaced_by_starting_again()
    {
        var id = await CreateOfficerAsync("jsmith", Password);
        var secret = await StartAsync(id);
        await ConfirmAsync(id, CodeNow(secret));

        var again = await InTransactionAsync((c, tx) => SecondFactors.StartEnrolmentAsync(c, tx, id, Now));

        again.ShouldBeOfType<Outcome<string>.Conflict>();
    }
}
