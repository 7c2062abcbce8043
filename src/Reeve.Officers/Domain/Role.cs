namespace Reeve.Officers;

/// <summary>What an officer may see and do. Each role includes what the roles before it may do, except Auditor (read only).</summary>
public enum Role
{
    Officer = 1,
    TeamLeader = 2,
    Manager = 3,
    Auditor = 4,
    SystemAdministrator = 5,
}

public static class Roles
{
    public const string OfficerName = "Officer";
    public const string TeamLeaderName = "TeamLeader";
    public const string ManagerName = "Manager";
    public const string AuditorName = "Auditor";
    public const string SystemAdministratorName = "SystemAdministrator";

    public static string Title(this Role role) => role switch
    {
        Role.Officer => "Officer",
        Role.TeamLeader => "Team Leader",
        Role.Manager => "Manager",
        Role.Auditor => "Auditor",
        Role.SystemAdministrator => "System Administrator",
    };

    public static string Name(this Role role) => role.ToString();

    public static Role Parse(string name) => Enum.Parse<Role>(name);

    /// <summary>May change accounts and people (post, reverse, record). Auditors only read.</summary>
    public static bool CanChange(this Role role) => role is Role.Officer or Role.TeamLeader or Role.Manager or Role.SystemAdministrator;

    /// <summary>May read the audit trail.</summary>
    public static bool CanReadAudit(this Role role) => role is Role.TeamLeader or Role.Manager or Role.Auditor or Role.SystemAdministrator;
}
