#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Officers;

/// <summary>
/// Officer accounts: passwords are stored only as salted PBKDF2 hashes (ASP.NET Core Identity's
/// PasswordHasher), and repeated failures from one address shut that address out for a while.
/// </summary>
public static class OfficerStore
{
    private static readonly PasswordHasher<string> Hasher = new();

    public sealed record SignInResult(OfficerAccount? Officer, string? Problem);

    public static async Task<int> CreateAsync(
        DbConnection connection, DbTransaction tx, string username, string displayName, Role role, CouncilId home,
        IReadOnlyList<CouncilId> councils, string password, Instant now)
    {
        if (OfficerRules.PasswordProblem(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        username = Canonical(username);
        return await InsertAsync(connection, tx, username, displayName, null, role, home, councils, null, Hasher.HashPassword(username, password), now);
    }

    /// <summary>
    /// Writes a new officer. A null or empty hash is an account with no password yet (a new officer waiting for their
    /// first-password link): no password verifies against it.
    /// </summary>
    internal static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction tx, string username, string displayName, string? email, Role role, CouncilId home,
        IReadOnlyList<CouncilId> councils, Money? approvalLimit, string? passwordHash, Instant now)
    {
        // Stored as sign-in looks it up: trimmed and in lower case.
        username = Canonical(username);
        var id = await connection.ExecuteScalarAsync<int>("select coalesce(max(officer_id), 0) + 1 from officer", transaction: tx);
        await connection.ExecuteAsync(
            "insert into officer (officer_id, username, display_name, email, password_hash, role, home_council_id, approval_limit_pence, failed_sign_ins, version, created_at) " +
            "values (@id, @username, @displayName, @email, @hash, @role, @home, @limit, 0, 1, @now)",
            new
            {
                id, username, displayName, email, hash = passwordHash ?? "",
                role = role.Name(), home = home.Value, limit = approvalLimit?.Pence, now,
            },
            tx);
        foreach (var council in councils.Prepend(home).Distinct())
        {
            await connection.ExecuteAsync(
                "insert into officer_council (officer_id, council_id) values (@id, @council)", new { id, council = council.Value }, tx);
        }

        return id;
    }

    /// <summary>Replaces the officer's password hash (the caller has checked the password against the rules).</summary>
    internal static Task SetPasswordAsync(DbConnection connection, DbTransaction tx, int officerId, string username, string password) =>
        connection.ExecuteAsync(
            "update officer set password_hash = @hash, version = version + 1 where officer_id = @officerId",
            new { officerId, hash = Hasher.HashPassword(Canonical(username), password) }, tx);

    /// <summary>
    /// The one answer to every refused sign-in: an unknown username, a wrong password and an address shut out all read
    /// the same, so the answer never tells anyone that a username exists.
    /// </summary>
    public const string Refused =
        "The username or password is not right. After 5 wrong tries, sign-in from this computer pauses for 15 minutes; a Team Leader can unlock it sooner.";

    /// <summary>
    /// Checks a password. Five wrong in a row for an officer from one address shut that address out of the account for
    /// fifteen minutes (<see cref="Lockout"/>); a right password from another address still signs in.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(DbConnection connection, string username, string password, string? remoteAddress, Instant now)
    {
        var address = string.IsNullOrEmpty(remoteAddress) ? "unknown" : remoteAddress;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where username = @username", new { username = Canonical(username ?? "") });
        if (row is null)
        {
            // Hash anyway so that a missing username takes as long as a wrong password.
            Hasher.HashPassword("nobody", password);
            return new SignInResult(null, Refused);
        }

        var held = await connection.QuerySingleOrDefaultAsync<LockRow>(
            "select failures, locked_until from officer_sign_in_lock where officer_id = @id and remote_address = @address",
            new { id = row.officer_id, address });
        var right = row.password_hash.Length > 0 && Hasher.VerifyHashedPassword(row.username, row.password_hash, password) != PasswordVerificationResult.Failed;
        if (held?.locked_until is { } until && until > now || row.disabled_at is not null)
        {
            return new SignInResult(null, Refused);
        }

        await connection.ExecuteAsync(
            "delete from officer_sign_in_lock where officer_id = @id and remote_address = @address", new { id = row.officer_id, address });
        if (!right)
        {
            var failures = (held is { locked_until: null } ? held.failures : 0) + 1;
            var locks = failures >= Lockout.MaxFailedSignIns;
            await connection.ExecuteAsync(
                "insert into officer_sign_in_lock (officer_id, remote_address, failures, locked_until) values (@id, @address, @failures, @lockedUntil)",
                new { id = row.officer_id, address, failures = locks ? 0 : failures, lockedUntil = locks ? now + Lockout.LockFor : (Instant?)null });
            return new SignInResult(null, Refused);
        }

        return new SignInResult(await ToAccountAsync(connection, row), null);
    }

    /// <summary>The addresses shut out of the accounts of a council's officers now, for the page a Team Leader unlocks them from.</summary>
    public static async Task<IReadOnlyList<SignInLock>> LocksAsync(DbConnection connection, CouncilId council, Instant now) =>
        (await connection.QueryAsync<LockRow>(
            "select l.failures, l.locked_until, o.username, o.display_name, l.remote_address from officer_sign_in_lock l " +
            "join officer o on o.officer_id = l.officer_id " +
            "where l.locked_until > @now and exists (select 1 from officer_council c where c.officer_id = o.officer_id and c.council_id = @council) " +
            "order by o.username, l.remote_address",
            new { now, council = council.Value }))
        .Select(l => new SignInLock(l.username, l.display_name, l.remote_address, l.locked_until!.Value)).ToList();

    /// <summary>Lifts every lock and count of wrong passwords on the officer's account; answers how many addresses were shut out.</summary>
    internal static async Task<int> UnlockAsync(DbConnection connection, DbTransaction? tx, int officerId, Instant now)
    {
        var locked = await connection.ExecuteScalarAsync<int>(
            "select count(*) from officer_sign_in_lock where officer_id = @officerId and locked_until > @now", new { officerId, now }, tx);
        await connection.ExecuteAsync("delete from officer_sign_in_lock where officer_id = @officerId", new { officerId }, tx);
        return locked;
    }

    public static async Task<OfficerAccount?> GetAsync(DbConnection connection, string username, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where username = @username", new { username = Canonical(username) }, tx);
        return row is null ? null : await ToAccountAsync(connection, row, tx);
    }

    public static async Task<int> CountAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<int>("select count(*) from officer");

    internal static string Canonical(string username) => username.Trim().ToLowerInvariant();

    private static async Task<OfficerAccount> ToAccountAsync(DbConnection connection, Row row, DbTransaction? tx = null)
    {
        var councils = (await connection.QueryAsync<int>(
            "select council_id from officer_council where officer_id = @id order by council_id", new { id = row.officer_id }, tx))
            .Select(c => new CouncilId(c)).ToList();
        return new OfficerAccount(row.officer_id, row.username, row.display_name, Roles.Parse(row.role), new CouncilId(row.home_council_id),
            councils);
    }

    private sealed class Row
    {
        public const string Select =
            "select officer_id, username, display_name, password_hash, role, home_council_id, disabled_at from officer";

        public int officer_id { get; set; }
        public string username { get; set; } = "";
        public string display_name { get; set; } = "";
        public string password_hash { get; set; } = "";
        public string role { get; set; } = "";
        public int home_council_id { get; set; }
        public Instant? disabled_at { get; set; }
    }

    private sealed class LockRow
    {
        public int failures { get; set; }
        public Instant? locked_until { get; set; }
        public string username { get; set; } = "";
        public string display_name { get; set; } = "";
        public string remote_address { get; set; } = "";
    }
}
