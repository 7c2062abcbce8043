#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Officers;

/// <summary>
/// A local account's second factor (TOTP, <see cref="Totp"/>). An officer starts enrolment (a new secret, shown once as an
/// otpauth URI), confirms it with a first code, and from then on sign-in asks for a code after the password. A code is
/// accepted once: the step it was for is kept and no code for that step or an earlier one is taken again.
/// </summary>
public static class SecondFactors
{
    /// <summary>A new secret in Base32, replacing one not yet confirmed; refused once one is confirmed.</summary>
    public static async Task<Outcome<string>> StartEnrolmentAsync(DbConnection connection, DbTransaction tx, int officerId, Instant now)
    {
        var row = await RowAsync(connection, tx, officerId);
        if (row?.confirmed_at is not null)
        {
            return new Outcome<string>.Conflict("A second factor is already set up for this account");
        }

        var secret = Totp.Base32(Totp.NewSecret());
        await connection.ExecuteAsync("delete from officer_second_factor where officer_id = @officerId", new { officerId }, tx);
        await connection.ExecuteAsync(
            "insert into officer_second_factor (officer_id, secret) values (@officerId, @secret)", new { officerId, secret }, tx);
        return secret;
    }

    /// <summary>The secret waiting for its first code, to show again while the officer sets up their app.</summary>
    public static async Task<string?> PendingSecretAsync(DbConnection connection, int officerId) =>
        await RowAsync(connection, null, officerId) is { confirmed_at: null } row ? row.secret : null;

    /// <summary>Confirms a started enrolment with a right code from the officer's app.</summary>
    public static async Task<bool> ConfirmAsync(DbConnection connection, DbTransaction tx, int officerId, string? code, Instant now)
    {
        var row = await RowAsync(connection, tx, officerId);
        if (row is null || row.confirmed_at is not null || Totp.MatchingStep(Totp.FromBase32(row.secret), code, now) is not { } step)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "update officer_second_factor set confirmed_at = @now, last_used_step = @step where officer_id = @officerId", new { now, step, officerId }, tx);
        return true;
    }

    public static async Task<bool> IsEnrolledAsync(DbConnection connection, int officerId) =>
        await RowAsync(connection, null, officerId) is { confirmed_at: not null };

    /// <summary>Checks a sign-in code: right, within the window, and for a later step than any code accepted before.</summary>
    public static async Task<bool> VerifyAsync(DbConnection connection, DbTransaction tx, int officerId, string? code, Instant now)
    {
        var row = await RowAsync(connection, tx, officerId);
        if (row?.confirmed_at is null || Totp.MatchingStep(Totp.FromBase32(row.secret), code, now) is not { } step
            || (row.last_used_step is { } last && step <= last))
        {
            return false;
        }

        // Only one use of a step wins, even when two sign-ins race with the same code.
        return await connection.ExecuteAsync(
            "update officer_second_factor set last_used_step = @step where officer_id = @officerId and (last_used_step is null or last_used_step < @step)",
            new { step, officerId }, tx) == 1;
    }

    private static Task<Row?> RowAsync(DbConnection connection, DbTransaction? tx, int officerId) =>
        connection.QuerySingleOrDefaultAsync<Row>(
            "select secret, confirmed_at, last_used_step from officer_second_factor where officer_id = @officerId", new { officerId }, tx);

    private sealed class Row
    {
        public string secret { get; set; } = "";
        public Instant? confirmed_at { get; set; }
        public long? last_used_step { get; set; }
    }
}
