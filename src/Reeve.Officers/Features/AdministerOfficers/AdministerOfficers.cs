#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Officers;

/// <summary>Who is doing an administration step, and from where: every step is audited in their working council.</summary>
public sealed record AdminActor(string Username, Role Role, CouncilId WorkingCouncil, string? RemoteAddress);

/// <summary>An officer as the administrator's list shows them.</summary>
public sealed record OfficerSummary(
    int OfficerId,
    string Username,
    string DisplayName,
    string? Email,
    Role Role,
    CouncilId HomeCouncil,
    IReadOnlyList<CouncilId> Councils,
    Money? ApprovalLimit,
    Instant? LastSignedInAt,
    Instant? DisabledAt,
    bool Locked,
    bool HasPassword);

/// <summary>What an administrator sets on an officer. The role comes as its name, as the form and the API send it.</summary>
public sealed record OfficerDetails(string DisplayName, string? Email, string? Role, IReadOnlyList<CouncilId> Councils, Money? ApprovalLimit);

/// <summary>A one-time link's token, shown once to the administrator to pass on; only its hash is kept.</summary>
public sealed record IssuedLink(int OfficerId, string Username, string Token, Instant ExpiresAt);

/// <summary>
/// A System Administrator's work on officer accounts (issue 17): list, create, change role, councils and approval limit,
/// disable and re-enable, and issue one-time links to set a password. Only a System Administrator may; each change is
/// audited in the caller's transaction, saying who did it and what changed. Refusals name the form field at fault.
/// </summary>
public static class AdministerOfficers
{
    public const string SubjectKind = "officer";

    public static class Actions
    {
        public const string Create = "officer-create";
        public const string Edit = "officer-edit";
        public const string Disable = "officer-disable";
        public const string Enable = "officer-enable";
        public const string IssueLink = "officer-password-link";
    }

    private const string OnlyAdministrators = "Only a System Administrator may administer officers";

    public static async Task<IReadOnlyList<OfficerSummary>> ListAsync(DbConnection connection, Instant now, DbTransaction? tx = null)
    {
        var rows = (await connection.QueryAsync<Row>(Row.Select + " order by o.username", new { now }, tx)).ToList();
        var councils = (await connection.QueryAsync<(int OfficerId, int CouncilId)>(
            "select officer_id, council_id from officer_council order by officer_id, council_id", transaction: tx))
            .ToLookup(c => c.OfficerId, c => new CouncilId(c.CouncilId));
        return rows.Select(r => r.ToSummary(councils[r.officer_id].ToList())).ToList();
    }

    public static async Task<OfficerSummary?> GetAsync(DbConnection connection, int officerId, Instant now, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where o.officer_id = @officerId", new { officerId, now }, tx);
        if (row is null)
        {
            return null;
        }

        var councils = (await connection.QueryAsync<int>(
            "select council_id from officer_council where officer_id = @officerId order by council_id", new { officerId }, tx))
            .Select(c => new CouncilId(c)).ToList();
        return row.ToSummary(councils);
    }

    /// <summary>Creates an officer with no password and issues the link they set their first one with.</summary>
    public static async Task<Outcome<IssuedLink>> CreateAsync(
        DbConnection connection, DbTransaction tx, AdminActor actor, string? username, OfficerDetails details, Instant now)
    {
        if (actor.Role != Role.SystemAdministrator)
        {
            return new Outcome<IssuedLink>.Conflict(OnlyAdministrators);
        }

        if (OfficerRules.UsernameProblem(username) is { } usernameProblem)
        {
            return new Outcome<IssuedLink>.Invalid("username", usernameProblem);
        }

        var canonical = OfficerStore.Canonical(username!);
        if (await OfficerStore.GetAsync(connection, canonical, tx) is not null)
        {
            return new Outcome<IssuedLink>.Invalid("username", $"There is already an officer with the username {canonical}: choose another");
        }

        if (await CheckAsync(connection, tx, details) is { } refused)
        {
            return new Outcome<IssuedLink>.Invalid(refused.Field, refused.Message);
        }

        var role = OfficerRules.ReadRole(details.Role)!.Value;
        var id = await OfficerStore.InsertAsync(connection, tx, canonical, details.DisplayName.Trim(), Blank(details.Email), role, details.Councils[0],
            details.Councils, details.ApprovalLimit, null, now);
        await RecordAsync(connection, tx, actor, Actions.Create, canonical,
            $"Created {details.DisplayName.Trim()} ({canonical}): {role.Title()}, councils {CouncilList(details.Councils)}, {LimitText(details.ApprovalLimit)}", now);
        return await PasswordLinks.IssueAsync(connection, tx, actor, id, canonical, PasswordLinks.FirstPassword, now);
    }

    /// <summary>
    /// Changes an officer's name, email, role, councils and approval limit. A change of role or councils ends the
    /// officer's sessions, so what they may do changes at once rather than when their cookie expires.
    /// </summary>
    public static async Task<Outcome<string>> EditAsync(
        DbConnection connection, DbTransaction tx, AdminActor actor, int officerId, OfficerDetails details, Instant now)
    {
        var (before, refused) = await TargetAsync<string>(connection, tx, actor, officerId, now);
        if (refused is not null)
        {
            return refused;
        }

        if (await CheckAsync(connection, tx, details) is { } problem)
        {
            return new Outcome<string>.Invalid(problem.Field, problem.Message);
        }

        var role = OfficerRules.ReadRole(details.Role)!.Value;
        var self = before.Username == OfficerStore.Canonical(actor.Username);
        if (self && before.Role == Role.SystemAdministrator && role != Role.SystemAdministrator)
        {
            return new Outcome<string>.Invalid("role",
                "You may not remove your own System Administrator role: another administrator must, so that there is always one");
        }

        var councils = details.Councils.Distinct().OrderBy(c => c.Value).ToList();
        var home = councils.Contains(before.HomeCouncil) ? before.HomeCouncil : details.Councils[0];
        var changes = new List<string>();
        void Compare(string what, string from, string to)
        {
            if (from != to)
            {
                changes.Add($"{what} from {from} to {to}");
            }
        }

        Compare("name", before.DisplayName, details.DisplayName.Trim());
        Compare("email", before.Email ?? "none", Blank(details.Email) ?? "none");
        Compare("role", before.Role.Title(), role.Title());
        Compare("councils", CouncilList(before.Councils), CouncilList(councils));
        Compare("approval limit", LimitText(before.ApprovalLimit), LimitText(details.ApprovalLimit));
        if (changes.Count == 0)
        {
            return "No changes";
        }

        await connection.ExecuteAsync(
            "update officer set display_name = @name, email = @email, role = @role, home_council_id = @home, approval_limit_pence = @limit, " +
            "version = version + 1 where officer_id = @officerId",
            new
            {
                officerId, name = details.DisplayName.Trim(), email = Blank(details.Email), role = role.Name(), home = home.Value,
                limit = details.ApprovalLimit?.Pence,
            },
            tx);
        await connection.ExecuteAsync("delete from officer_council where officer_id = @officerId", new { officerId }, tx);
        foreach (var council in councils)
        {
            await connection.ExecuteAsync(
                "insert into officer_council (officer_id, council_id) values (@officerId, @council)", new { officerId, council = council.Value }, tx);
        }

        var ended = 0;
        if (!self && (before.Role != role || CouncilList(before.Councils) != CouncilList(councils)))
        {
            ended = await OfficerSessions.EndAllAsync(connection, tx, officerId);
        }

        var summary = $"Changed {before.DisplayName} ({before.Username}): {string.Join("; ", changes)}" +
            (ended > 0 ? $"; {ended} session{(ended == 1 ? "" : "s")} ended" : "");
        await RecordAsync(connection, tx, actor, Actions.Edit, before.Username, summary, now);
        return summary;
    }

    /// <summary>
    /// Disables an officer (they cannot sign in, and every session they hold ends now) or enables them again. An
    /// administrator may not disable themselves, so there is always one who can sign in.
    /// </summary>
    public static async Task<Outcome<string>> SetDisabledAsync(
        DbConnection connection, DbTransaction tx, AdminActor actor, int officerId, bool disabled, Instant now)
    {
        var (officer, refused) = await TargetAsync<string>(connection, tx, actor, officerId, now);
        if (refused is not null)
        {
            return refused;
        }

        if (disabled && officer.Username == OfficerStore.Canonical(actor.Username))
        {
            return new Outcome<string>.Invalid("disable", "You may not disable your own account: another administrator must, so that there is always one");
        }

        if ((officer.DisabledAt is not null) == disabled)
        {
            return disabled ? $"{officer.DisplayName} was already disabled" : $"{officer.DisplayName} was not disabled";
        }

        await connection.ExecuteAsync(
            "update officer set disabled_at = @at, version = version + 1 where officer_id = @officerId",
            new { officerId, at = disabled ? now : (Instant?)null }, tx);
        string summary;
        if (disabled)
        {
            var ended = await OfficerSessions.EndAllAsync(connection, tx, officerId);
            summary = $"Disabled {officer.DisplayName} ({officer.Username}): {ended} session{(ended == 1 ? "" : "s")} ended";
        }
        else
        {
            summary = $"Enabled {officer.DisplayName} ({officer.Username}) again";
        }

        await RecordAsync(connection, tx, actor, disabled ? Actions.Disable : Actions.Enable, officer.Username, summary, now);
        return summary;
    }

    /// <summary>Issues a one-time link for the officer to set a new password with (any earlier unused link stops working).</summary>
    public static async Task<Outcome<IssuedLink>> IssueResetLinkAsync(
        DbConnection connection, DbTransaction tx, AdminActor actor, int officerId, Instant now)
    {
        var (officer, refused) = await TargetAsync<IssuedLink>(connection, tx, actor, officerId, now);
        if (refused is not null)
        {
            return refused;
        }

        return await PasswordLinks.IssueAsync(connection, tx, actor, officerId, officer.Username,
            officer.HasPassword ? PasswordLinks.Reset : PasswordLinks.FirstPassword, now);
    }

    /// <summary>The officer a step is about, or the refusal: only an administrator may, and the officer must exist.</summary>
    private static async Task<(OfficerSummary Officer, Outcome<T>? Refused)> TargetAsync<T>(
        DbConnection connection, DbTransaction tx, AdminActor actor, int officerId, Instant now)
    {
        if (actor.Role != Role.SystemAdministrator)
        {
            return (null!, new Outcome<T>.Conflict(OnlyAdministrators));
        }

        var officer = await GetAsync(connection, officerId, now, tx);
        return officer is null ? (null!, new Outcome<T>.NotFound($"officer {officerId}")) : (officer, null);
    }

    internal static Task RecordAsync(DbConnection connection, DbTransaction tx, AdminActor actor, string action, string username, string detail, Instant now) =>
        AuditTrail.RecordAsync(connection, tx, actor.WorkingCouncil, actor.Username, action, SubjectKind, username, detail, actor.RemoteAddress, now);

    private static async Task<(string Field, string Message)?> CheckAsync(DbConnection connection, DbTransaction tx, OfficerDetails details)
    {
        if (OfficerRules.DetailsProblem(details.DisplayName, details.Email, details.Councils) is { } problem)
        {
            return problem;
        }

        if (OfficerRules.ReadRole(details.Role) is not { } role)
        {
            return ("role", OfficerRules.UnknownRole);
        }

        if (OfficerRules.ApprovalLimitProblem(role, details.ApprovalLimit) is { } limitProblem)
        {
            return ("approvalLimit", limitProblem);
        }

        var known = (await CouncilStore.AllAsync(connection, tx)).Select(c => c.Id).ToHashSet();
        return details.Councils.Where(c => !known.Contains(c)).Select(c => (int?)c.Value).FirstOrDefault() is { } unknown
            ? ("councils", $"Select councils that exist: there is no council {unknown}")
            : null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string CouncilList(IEnumerable<CouncilId> councils) => string.Join(", ", councils.Select(c => c.Value).Order());

    private static string LimitText(Money? limit) => limit is { } l ? $"approval limit {l.ToDisplayString()}" : "no approval limit";

    private sealed class Row
    {
        public const string Select =
            "select o.officer_id, o.username, o.display_name, o.email, o.role, o.home_council_id, o.approval_limit_pence, o.last_signed_in_at, " +
            "o.disabled_at, o.password_hash, " +
            "(select count(*) from officer_sign_in_lock l where l.officer_id = o.officer_id and l.locked_until > @now) as locks from officer o";

        public int officer_id { get; set; }
        public string username { get; set; } = "";
        public string display_name { get; set; } = "";
        public string? email { get; set; }
        public string role { get; set; } = "";
        public int home_council_id { get; set; }
        public long? approval_limit_pence { get; set; }
        public Instant? last_signed_in_at { get; set; }
        public Instant? disabled_at { get; set; }
        public string password_hash { get; set; } = "";
        public long locks { get; set; }

        public OfficerSummary ToSummary(IReadOnlyList<CouncilId> councils) => new(
            officer_id, username, display_name, email, Roles.Parse(role), new CouncilId(home_council_id), councils,
            approval_limit_pence is { } p ? Money.FromPence(p) : null, last_signed_in_at, disabled_at, locks > 0, password_hash.Length > 0);
    }
}
