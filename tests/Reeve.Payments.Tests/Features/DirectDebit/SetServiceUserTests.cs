using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class SetServiceUserOnSqlite() : SetServiceUserTests(new SqliteEngine());

public sealed class SetServiceUserOnPostgres() : SetServiceUserTests(new PostgresEngine());

/// <summary>The council's Bacs service user as its set-up page saves it: each refusal names its field and saves nothing.</summary>
public abstract class SetServiceUserTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private Task<Outcome<DirectDebitOriginator>> SetAsync(string? sun, string? sortCode, string? accountNumber, string? name) =>
        InTransactionAsync((c, tx) => SetServiceUser.HandleAsync(c, tx, Council, sun, sortCode, accountNumber, name));

    private Task<DirectDebitOriginator?> OriginatorAsync() => ReadAsync(c => Mandates.OriginatorAsync(c, null, Council));

    [Fact]
    public async Task A_valid_service_user_is_saved_with_its_name_in_capitals_and_read_back()
    {
        var done = (await SetAsync(" 123456 ", "20-00-00", "55779911", "Wealdmoor Council")).ShouldBeOfType<Outcome<DirectDebitOriginator>.Done>().Value;

        var read = (await OriginatorAsync()).ShouldNotBeNull();
        read.ServiceUser.ShouldBe(done.ServiceUser);
        (read.ServiceUser.ServiceUserNumber, read.ServiceUser.SortCode.ToString(), read.ServiceUser.AccountNumber.ToString(), read.ServiceUser.Name)
            .ShouldBe(("123456", done.ServiceUser.SortCode.ToString(), "55779911", "WEALDMOOR COUNCIL"));
    }

    [Fact]
    public async Task Saving_again_replaces_the_service_user()
    {
        await SetAsync("123456", "200000", "55779911", "WEALDMOOR COUNCIL");

        (await SetAsync("654321", "200000", "55779911", "WEALDMOOR DC")).ShouldBeOfType<Outcome<DirectDebitOriginator>.Done>();

        (await OriginatorAsync())!.ServiceUser.ServiceUserNumber.ShouldBe("654321");
    }

    [Theory]
    [InlineData("12345", "200000", "55779911", "WEALDMOOR", "serviceUserNumber")]
    [InlineData("12345A", "200000", "55779911", "WEALDMOOR", "serviceUserNumber")]
    [InlineData(null, "200000", "55779911", "WEALDMOOR", "serviceUserNumber")]
    [InlineData("123456", "2000", "55779911", "WEALDMOOR", "sortCode")]
    [InlineData("123456", "200000", "5577", "WEALDMOOR", "accountNumber")]
    [InlineData("123456", "200000", "55779911", "", "name")]
    [InlineData("123456", "200000", "55779911", "A NAME LONGER THAN EIGHTEEN", "name")]
    [InlineData("123456", "200000", "55779911", "WEALDMOOR <SCRIPT>", "name")]
    public async Task A_bad_field_is_refused_by_name_and_nothing_is_saved(string? sun, string? sortCode, string? accountNumber, string? name, string field)
    {
        var refused = (await SetAsync(sun, sortCode, accountNumber, name)).ShouldBeOfType<Outcome<DirectDebitOriginator>.Invalid>();

        refused.Field.ShouldBe(field);
        (await OriginatorAsync()).ShouldBeNull();
    }
}
