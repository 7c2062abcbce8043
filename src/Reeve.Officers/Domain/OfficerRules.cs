using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// What an administrator may record about an officer, checked before anything is saved. Each refusal names the form
/// field at fault. Pure: the caller reads what exists (usernames, councils) first.
/// </summary>
public static class OfficerRules
{
    public const int MaxUsername = 64;
    public const int MaxDisplayName = 100;
    public const int MaxEmail = 254;
    public const int MinPassword = 12;
    public const int MaxPassword = 256;

    /// <summary>The refusal for a password outside the rules, or null when it is acceptable (length beats complexity: NCSC guidance).</summary>
    public static string? PasswordProblem(string? password) => password switch
    {
        null or "" => "Enter a password",
        { Length: < MinPassword } => $"A password must be at least {MinPassword} characters",
        { Length: > MaxPassword } => $"A password must be {MaxPassword} characters or fewer",
        _ => null,
    };

    /// <summary>Reads a role by its name ("TeamLeader") as the forms and the API send it; null when there is no such role.</summary>
    public static Role? ReadRole(string? name) =>
        Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(r!.Value.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string UnknownRole =>
        "Select a role that exists: " + string.Join(", ", Enum.GetValues<Role>().Select(r => r.Title()));

    /// <summary>
    /// An approval limit belongs only to a role that may take money steps. A System Administrator runs the system and is
    /// kept apart from money (issue 19's separation of duties), and an Auditor only reads.
    /// </summary>
    public static string? ApprovalLimitProblem(Role role, Money? limit) => limit switch
    {
        null => null,
        { Pence: < 0 } => "An approval limit cannot be less than £0",
        _ when role == Role.SystemAdministrator =>
            "A System Administrator may not have an approval limit: administration is kept apart from money",
        _ when !role.MayHandleMoney() => $"{role.WithArticle()} may not have an approval limit: the role only reads",
        _ => null,
    };

    /// <summary>Checks the details every officer record carries; answers the first problem as (field, message), or null.</summary>
    public static (string Field, string Message)? DetailsProblem(string displayName, string? email, IReadOnlyCollection<CouncilId> councils)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return ("displayName", "Enter the officer's name");
        }

        if (displayName.Trim().Length > MaxDisplayName)
        {
            return ("displayName", $"The officer's name must be {MaxDisplayName} characters or fewer");
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var e = email.Trim();
            if (e.Length > MaxEmail || e.Count(c => c == '@') != 1 || e.StartsWith('@') || e.EndsWith('@') || e.Any(char.IsWhiteSpace))
            {
                return ("email", "Enter an email address in the right format, like name@example.gov.uk");
            }
        }

        return councils.Count == 0 ? ("councils", "Select at least one council the officer works on") : null;
    }

    /// <summary>Usernames are stored trimmed and in lower case, letters, digits, dots, hyphens and underscores.</summary>
    public static string? UsernameProblem(string? username)
    {
        var u = (username ?? "").Trim();
        if (u.Length == 0)
        {
            return "Enter a username";
        }

        if (u.Length > MaxUsername)
        {
            return $"A username must be {MaxUsername} characters or fewer";
        }

        return u.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? null
            : "A username may only contain letters, numbers, dots, hyphens and underscores";
    }
}
