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
/// PasswordHasher), and repeated failures lock the account.
/// </summary>
public static class OfficerStore
{
    private static readonly PasswordHasher<string> Hasher = new();

    public sealed record SignInResult(OfficerAccount? Officer, string? Problem);

    public static async Task<int> CreateAsync(
        DbConnection connection, DbTransaction tx, string username, string displayName, Role role, CouncilId home,
        IReadOnlyList<CouncilId> councils, string password, Instant now)
    {
        if (password.Length < 12)
        {
            throw new ArgumentException("An officer's password must be at least 12 characters", nameof(password));
        }

        // Stored as sign-in looks it up: trimmed and in lower case.
        username = Canonical(username);
        var id = await connection.ExecuteScalarAsync<int>("select coalesce(max(officer_id), 0) + 1 from officer", transaction: tx);
        await connection.ExecuteAsync(
            "insert into officer (officer_id, username, display_name, password_hash, role, home_council_id, failed_sign_ins, version, created_at) " +
            "values (@id, @username, @displayName, @hash, @role, @home, 0, 1, @now)",
            new
            {
                id, username, displayName, hash = Hasher.HashPassword(username, password),
                role = role.Name(), home = home.Value, now,
            },
            tx);
        foreach (var council in councils.Append(home).Distinct())
        {
            await connection.ExecuteAsync(
                "insert into officer_council (officer_id, council_id) values (@id, @council)", new { id, council = council.Value }, tx);
        }

        return id;
    }

    public static async Task<SignInResult> SignInAsync(DbConnection connection, string username, string password, Instant now)
    {
        const string wrong = "The username or password is not right";
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where username = @username", new { username = Canonical(username ?? "") });
        if (row is null)
        {
            // Hash anyway so that a missing username takes as long as a wrong password.
            Hasher.HashPassword("nobody", password);
            return new SignInResult(null, wrong);
        }

        var officer = await ToAccountAsync(connection, row);
        if (Lockout.IsLocked(officer, now))
        {
            return new SignInResult(null, "This account is locked after too many wrong passwords. Try again in 15 minutes or ask a System Administrator.");
        }

        if (Hasher.VerifyHashedPassword(row.username, row.password_hash, password) == PasswordVerificationResult.Failed)
        {
            var failures = row.failed_sign_ins + 1;
            Instant? lockedUntil = failures >= Lockout.MaxFailedSignIns ? now + Lockout.LockFor : null;
            await connection.ExecuteAsync(
                "update officer set failed_sign_ins = @failures, locked_until = @lockedUntil where officer_id = @id",
                new { failures = failures >= Lockout.MaxFailedSignIns ? 0 : failures, lockedUntil, id = row.officer_id });
            return new SignInResult(null, failures >= Lockout.MaxFailedSignIns
                ? "This account is now locked after too many wrong passwords. Try again in 15 minutes."
                : wrong);
        }

        await connection.ExecuteAsync(
            "update officer set failed_sign_ins = 0, locked_until = null where officer_id = @id", new { id = row.officer_id });
        return new SignInResult(officer with { FailedSignIns = 0, LockedUntil = null }, null);
    }

    public static async Task<OfficerAccount?> GetAsync(DbConnection connection, string username, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where username = @username", new { username = Canonical(username) }, tx);
        return row is null ? null : await ToAccountAsync(connection, row, tx);
    }

    public static async Task<int> CountAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<int>("select count(*) from officer");

    private static string Canonical(string username) => username.Trim().ToLowerInvariant();

    private static async Task<OfficerAccount> ToAccountAsync(DbConnection connection, Row row, DbTransaction? tx = null)
    {
        var councils = (await connection.QueryAsync<int>(
            "select council_id from officer_council where officer_id = @id order by council_id", new { id = row.officer_id }, tx))
            .Select(c => new CouncilId(c)).ToList();
        return new OfficerAccount(row.officer_id, row.username, row.display_name, Roles.Parse(row.role), new CouncilId(row.home_council_id),
            councils, row.failed_sign_ins, row.locked_until);
    }

    private sealed class Row
    {
        public const string Select =
            "select officer_id, username, display_name, password_hash, role, home_council_id, failed_sign_ins, locked_until from officer";

        public int officer_id { get; set; }
        public string username { get; set; } = "";
        public string display_name { get; set; } = "";
        public string password_hash { get; set; } = "";
        public string role { get; set; } = "";
        public int home_council_id { get; set; }
        public int failed_sign_ins { get; set; }
        public Instant? locked_until { get; set; }
    }
}
