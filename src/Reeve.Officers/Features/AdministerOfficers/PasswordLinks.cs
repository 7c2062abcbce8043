#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// One-time links to set a password: a new officer's first, or a reset. The token is 32 random bytes, shown once to the
/// administrator to pass on (officers have no email service yet); only its SHA-256 hash is stored, it works once, and
/// it expires after 24 hours. Issuing a new link for an officer retires any earlier unused one. Setting the password
/// ends every session the officer holds and is audited.
/// </summary>
public static class PasswordLinks
{
    public const string FirstPassword = "first-password";
    public const string Reset = "reset";
    public const string SetAction = "officer-password-set";
    public static readonly Duration Lifetime = Duration.FromHours(24);

    /// <summary>Who a live link is for, to greet them on the page it opens.</summary>
    public sealed record LinkFor(string Username, string DisplayName, string Purpose, Instant ExpiresAt);

    internal static async Task<Outcome<IssuedLink>> IssueAsync(
        DbConnection connection, DbTransaction tx, AdminActor actor, int officerId, string username, string purpose, Instant now)
    {
        var token = OfficerSessions.Base64UrlId(RandomNumberGenerator.GetBytes(32));
        await connection.ExecuteAsync(
            "update officer_password_link set used_at = @now where officer_id = @officerId and used_at is null", new { officerId, now }, tx);
        await connection.ExecuteAsync(
            "insert into officer_password_link (token_hash, officer_id, purpose, issued_by, issued_at, expires_at) " +
            "values (@hash, @officerId, @purpose, @by, @now, @expires)",
            new { hash = Hash(token), officerId, purpose, by = actor.Username, now, expires = now + Lifetime }, tx);
        await AdministerOfficers.RecordAsync(connection, tx, actor, AdministerOfficers.Actions.IssueLink, username,
            $"Issued a one-time link for {username} to {(purpose == Reset ? "reset their password" : "set their first password")}, " +
            $"usable once until {UkTime.Describe(now + Lifetime)}", now);
        return new IssuedLink(officerId, username, token, now + Lifetime);
    }

    /// <summary>The officer a token is for while it is unused, unexpired and the officer is not disabled; otherwise null.</summary>
    public static async Task<LinkFor?> FindAsync(DbConnection connection, string? token, Instant now, DbTransaction? tx = null)
    {
        var row = await LiveAsync(connection, token, now, tx);
        return row is null ? null : new LinkFor(row.username, row.display_name, row.purpose, row.expires_at);
    }

    /// <summary>
    /// Sets the officer's password from a link: the password must meet the rules; the link is used up; every session the
    /// officer holds ends; the audit trail says so in the officer's home council.
    /// </summary>
    public static async Task<Outcome<string>> SetPasswordAsync(
        DbConnection connection, DbTransaction tx, string? token, string? password, string? confirm, string? remoteAddress, Instant now)
    {
        var row = await LiveAsync(connection, token, now, tx);
        if (row is null)
        {
            return new Outcome<string>.NotFound("This link has been used, has expired or is not right. Ask a System Administrator for a new one.");
        }

        if (OfficerRules.PasswordProblem(password) is { } problem)
        {
            return new Outcome<string>.Invalid("password", problem);
        }

        if (password != confirm)
        {
            return new Outcome<string>.Invalid("confirmPassword", "The two passwords do not match: type the same password twice");
        }

        // Used up first, conditionally, so two submissions of one link cannot both set a password.
        var used = await connection.ExecuteAsync(
            "update officer_password_link set used_at = @now where token_hash = @hash and used_at is null", new { hash = row.token_hash, now }, tx);
        if (used != 1)
        {
            return new Outcome<string>.NotFound("This link has been used. Ask a System Administrator for a new one.");
        }

        await OfficerStore.SetPasswordAsync(connection, tx, row.officer_id, row.username, password!);
        var ended = await OfficerSessions.EndAllAsync(connection, tx, row.officer_id);
        await connection.ExecuteAsync("delete from officer_sign_in_lock where officer_id = @id", new { id = row.officer_id }, tx);
        await AuditTrail.RecordAsync(connection, tx, new CouncilId(row.home_council_id), row.username, SetAction, AdministerOfficers.SubjectKind, row.username,
            $"{row.display_name} set {(row.purpose == Reset ? "a new" : "their first")} password by a one-time link issued by {row.issued_by}; " +
            $"{ended} other session{(ended == 1 ? "" : "s")} ended", remoteAddress, now);
        return row.username;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<Row?> LiveAsync(DbConnection connection, string? token, Instant now, DbTransaction? tx)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        return await connection.QuerySingleOrDefaultAsync<Row>(
            "select l.token_hash, l.officer_id, l.purpose, l.issued_by, l.expires_at, o.username, o.display_name, o.home_council_id " +
            "from officer_password_link l join officer o on o.officer_id = l.officer_id " +
            "where l.token_hash = @hash and l.used_at is null and l.expires_at > @now and o.disabled_at is null",
            new { hash = Hash(token), now }, tx);
    }

    private sealed class Row
    {
        public string token_hash { get; set; } = "";
        public int officer_id { get; set; }
        public string purpose { get; set; } = "";
        public string issued_by { get; set; } = "";
        public Instant expires_at { get; set; }
        public string username { get; set; } = "";
        public string display_name { get; set; } = "";
        public int home_council_id { get; set; }
    }
}
