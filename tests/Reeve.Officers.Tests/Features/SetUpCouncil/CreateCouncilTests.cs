using Dapper;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

public sealed class CreateCouncilOnSqlite() : CreateCouncilTests(new SqliteEngine());

public sealed class CreateCouncilOnPostgres() : CreateCouncilTests(new PostgresEngine());

/// <summary>A System Administrator adds a council: its code is unique, the administrator may work on it, and it is audited there.</summary>
public abstract class CreateCouncilTests(IDatabaseEngine engine) : OfficersTest(engine)
{
    private static AdminActor Actor(string username = "admin", Role role = Role.SystemAdministrator) => new(username, role, new CouncilId(1), TestAddress);

    private Task<Outcome<Council>> CreateAsync(string? code, string? name, AdminActor? actor = null) =>
        InTransactionAsync((c, tx) => CreateCouncil.HandleAsync(c, tx, actor ?? Actor(), code, name, Now));

    private Task<IReadOnlyList<Council>> CouncilsAsync() => ReadAsync(c => CouncilStore.AllAsync(c));

    [Fact]
    public async Task A_new_council_gets_the_next_id_its_code_in_capitals_and_its_administrator_may_work_on_it()
    {
        var adminId = await CreateOfficerAsync("admin", "correct horse battery", Role.SystemAdministrator);
        var before = await CouncilsAsync();

        var council = (await CreateAsync(" e07000999 ", "  Fenmarsh District Council ")).ShouldBeOfType<Outcome<Council>.Done>().Value;

        (council.Code, council.Name).ShouldBe(("E07000999", "Fenmarsh District Council"));
        council.Id.Value.ShouldBe(before.Max(c => c.Id.Value) + 1);
        (await CouncilsAsync()).ShouldContain(council);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from officer_council where officer_id = @adminId and council_id = @id",
            new { adminId, id = council.Id.Value }))).ShouldBe(1);
        var audit = (await ReadAsync(c => AuditTrail.ForSubjectAsync(c, council.Id, "council", "E07000999"))).ShouldHaveSingleItem();
        (audit.Action, audit.Officer).ShouldBe((CreateCouncil.AuditAction, "admin"));
    }

    [Fact]
    public async Task A_code_already_used_is_refused_whatever_its_case_and_nothing_is_added()
    {
        (await CreateAsync("E07000999", "Fenmarsh")).ShouldBeOfType<Outcome<Council>.Done>();
        var count = (await CouncilsAsync()).Count;

        var refused = (await CreateAsync("e07000999", "Another")).ShouldBeOfType<Outcome<Council>.Invalid>();

        refused.Field.ShouldBe("code");
        (await CouncilsAsync()).Count.ShouldBe(count);
    }

    [Theory]
    [InlineData("E07000999", "", "name")]
    [InlineData("E07000999", null, "name")]
    [InlineData("", "Fenmarsh", "code")]
    [InlineData("E07 000", "Fenmarsh", "code")]
    [InlineData("E07000999E07000999E07", "Fenmarsh", "code")]
    public async Task A_bad_code_or_name_is_refused_naming_the_field_and_nothing_is_added(string? code, string? name, string field)
    {
        var count = (await CouncilsAsync()).Count;

        (await CreateAsync(code, name)).ShouldBeOfType<Outcome<Council>.Invalid>().Field.ShouldBe(field);

        (await CouncilsAsync()).Count.ShouldBe(count);
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_is_refused()
    {
        (await CreateAsync("E07000999", new string('x', CreateCouncil.MaxName + 1))).ShouldBeOfType<Outcome<Council>.Invalid>().Field.ShouldBe("name");
    }

    [Theory]
    [InlineData(Role.Manager)]
    [InlineData(Role.Officer)]
    [InlineData(Role.Auditor)]
    public async Task Only_a_System_Administrator_may_create_a_council(Role role)
    {
        var count = (await CouncilsAsync()).Count;

        (await CreateAsync("E07000999", "Fenmarsh", Actor("someone", role))).ShouldBeOfType<Outcome<Council>.Conflict>();

        (await CouncilsAsync()).Count.ShouldBe(count);
    }
}
