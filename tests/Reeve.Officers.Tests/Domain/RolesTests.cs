namespace Reeve.Officers.Tests;

public class RolesTests
{
    [Theory]
    [InlineData(Role.Officer, true)]
    [InlineData(Role.TeamLeader, true)]
    [InlineData(Role.Manager, true)]
    [InlineData(Role.Auditor, false)]
    [InlineData(Role.SystemAdministrator, true)]
    public void Every_role_but_Auditor_may_change_records(Role role, bool canChange)
    {
        // Auditors look, they never touch: separation of duties.
        role.CanChange().ShouldBe(canChange);
    }

    [Theory]
    [InlineData(Role.Officer, false)]
    [InlineData(Role.TeamLeader, true)]
    [InlineData(Role.Manager, true)]
    [InlineData(Role.Auditor, true)]
    [InlineData(Role.SystemAdministrator, true)]
    public void Every_role_but_Officer_may_read_the_audit_trail(Role role, bool canRead)
    {
        role.CanReadAudit().ShouldBe(canRead);
    }

    [Fact]
    public void Every_role_is_covered_by_the_theories_above()
    {
        Enum.GetValues<Role>().Length.ShouldBe(5);
    }

    [Fact]
    public void A_roles_name_parses_back_to_the_role()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Roles.Parse(role.Name()).ShouldBe(role);
        }
    }
}
