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

    /// <summary>
    /// May take a money step (post, reverse, refund, take a payment). A System Administrator runs the system and is kept
    /// apart from money (separation of duties); an Auditor only reads.
    /// </summary>
    public static bool MayHandleMoney(this Role role) => role is Role.Officer or Role.TeamLeader or Role.Manager;

    /// <summary>May be the second officer who approves a money step above the council's limit (a refund, a reversal that lowers a debt).</summary>
    public static bool MayApproveMoney(this Role role) => role is Role.TeamLeader or Role.Manager;

    /// <summary>Why a role may not approve a money step, in words for the officer.</summary>
    public static string WhyNotApprover(this Role role) => role == Role.SystemAdministrator
        ? "A System Administrator runs the system and may not approve or make money steps (administration is kept apart from money)"
        : $"Only a Team Leader or Manager may approve this; you are {role.WithArticle()}";

    /// <summary>"an Officer", "a Team Leader".</summary>
    public static string WithArticle(this Role role) => (role.Title()[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an " : "a ") + role.Title();

    /// <summary>May lift the sign-in locks wrong passwords put on an officer's account.</summary>
    public static bool MayUnlockOfficers(this Role role) => role is Role.TeamLeader or Role.Manager or Role.SystemAdministrator;
}
