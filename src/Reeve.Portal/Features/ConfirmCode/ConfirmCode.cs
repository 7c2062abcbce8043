#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Features.SendCode;
using Reeve.Portal.Features.SignIn;

namespace Reeve.Portal.Features.ConfirmCode;

/// <summary>
/// Checks the code a resident typed against the one sent: right, not expired, not used, not tried too often. A good
/// code is spent at once (single use, even if two requests race: only one update finds it unused), the address
/// becomes a portal user if it was not one, and a code sent after proving an account links that account. Every
/// refusal counts toward the lockout; the caller commits whatever the outcome.
/// </summary>
public static class ConfirmCode
{
    public const string Wrong = "The code is not right. Check the email we sent and type the 6 numbers again.";

    public const string Spent = "That code has expired or has already been used. Ask for a new code.";

    public static async Task<Outcome<ResidentUser>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, PendingCode pending, string? typed, string address, Instant now)
    {
        if (OneTimeCode.Clean(typed).Length == 0)
        {
            return new Outcome<ResidentUser>.Invalid("code", "Enter the code from the email");
        }

        var subject = EmailAddress.Subject("email", pending.Email);
        if (await SignInAttempts.LockedAsync(connection, tx, council, subject, address, now))
        {
            await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Code, subject, address, refused: true, now);
            return new Outcome<ResidentUser>.Conflict(SignInLimits.LockedOut);
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "select code_id, email, account_id, code_hash, expires_at, used_at, wrong_tries from portal_code " +
            "where council_id = @council and code_id = @codeId and email = @email",
            new { council = council.Value, codeId = pending.CodeId, email = pending.Email }, tx);
        var refusal = row switch
        {
            null => Wrong,
            { used_at: not null } => Spent,
            _ when row.expires_at <= now || row.wrong_tries >= SignInLimits.WrongTriesPerCode => Spent,
            _ when !OneTimeCode.Verify(row.code_hash, typed) => Wrong,
            _ => null,
        };
        if (refusal is null)
        {
            // Spend it: a second request with the same code finds it used and is refused.
            var spent = await connection.ExecuteAsync(
                "update portal_code set used_at = @now where council_id = @council and code_id = @codeId and used_at is null",
                new { council = council.Value, codeId = row!.code_id, now }, tx);
            refusal = spent == 1 ? null : Spent;
        }
        else if (row is not null && refusal == Wrong)
        {
            await connection.ExecuteAsync(
                "update portal_code set wrong_tries = wrong_tries + 1 where council_id = @council and code_id = @codeId",
                new { council = council.Value, codeId = row.code_id }, tx);
        }

        await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Code, subject, address, refused: refusal is not null, now);
        if (refusal is not null)
        {
            return new Outcome<ResidentUser>.Invalid("code", refusal);
        }

        var user = await ResidentUsers.EnsureAsync(connection, tx, council, pending.Email, now);
        if (row!.account_id is { } accountId)
        {
            await ResidentAccounts.LinkAsync(connection, tx, user, accountId, now);
        }

        return user;
    }

    private sealed class Row
    {
        public long code_id { get; set; }
        public string email { get; set; } = "";
        public long? account_id { get; set; }
        public string code_hash { get; set; } = "";
        public Instant expires_at { get; set; }
        public Instant? used_at { get; set; }
        public int wrong_tries { get; set; }
    }
}
