using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Features.SignIn;

namespace Reeve.Portal.Features.SendCode;

/// <summary>Why a code is sent: to confirm a new address for a proven account, or to sign in with a known one.</summary>
public enum CodePurpose
{
    SignUp,
    SignIn,
}

/// <summary>Sends a resident their code (GOV.UK Notify in the app; the tests use a local server speaking Notify's format).</summary>
public interface IResidentCodeSender
{
    Task SendAsync(string email, string code, string reference, CancellationToken ct);
}

/// <summary>The code the resident has been asked for: the page keeps its id and address in a protected cookie.</summary>
public sealed record PendingCode(long CodeId, string Email);

/// <summary>
/// Makes a one-time code, stores only its salted hash with a short expiry, and sends it. A sign-in for an address with
/// no portal account sends nothing but answers the same, so the page never tells whether an address is known; that
/// attempt is counted as refused. Sends per address are limited, and a locked address or network address is refused.
/// </summary>
public static class SendCode
{
    public static async Task<Outcome<PendingCode>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IResidentCodeSender sender, string? emailText, CodePurpose purpose,
        long? accountId, string address, Instant now, CancellationToken ct)
    {
        var email = EmailAddress.Normalise(emailText);
        if (EmailAddress.Problem(email) is { } problem)
        {
            return new Outcome<PendingCode>.Invalid("email", problem);
        }

        var subject = EmailAddress.Subject("email", email);
        if (await SignInAttempts.LockedAsync(connection, tx, council, subject, address, now))
        {
            await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Email, subject, address, refused: true, now);
            return new Outcome<PendingCode>.Conflict(SignInLimits.LockedOut);
        }

        if (await SignInAttempts.CodesSentAsync(connection, tx, council, subject, now) >= SignInLimits.CodesPerEmail)
        {
            await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Email, subject, address, refused: true, now);
            return new Outcome<PendingCode>.Conflict(
                $"We have already sent {SignInLimits.CodesPerEmail} codes to that address. Use the latest one, or wait 15 minutes and ask again.");
        }

        if (purpose == CodePurpose.SignIn && await ResidentUsers.ByEmailAsync(connection, tx, council, email) is null)
        {
            await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Email, subject, address, refused: true, now);
            return new PendingCode(0, email);
        }

        var code = OneTimeCode.New();
        var codeId = await IdAllocator.ReserveAsync(connection, tx, council, "portal_code", 1);
        await connection.ExecuteAsync(
            "insert into portal_code (council_id, code_id, email, purpose, account_id, code_hash, created_at, expires_at, wrong_tries) " +
            "values (@council, @codeId, @email, @purpose, @accountId, @hash, @now, @expires, 0)",
            new
            {
                council = council.Value, codeId, email, purpose = purpose == CodePurpose.SignUp ? "sign-up" : "sign-in", accountId,
                hash = OneTimeCode.Hash(code), now, expires = now + SignInLimits.CodeLifetime,
            },
            tx);
        await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Email, subject, address, refused: false, now);
        try
        {
            await sender.SendAsync(email, code, $"portal-code-{council.Value}-{codeId}", ct);
        }
        catch (Exception e) when (e is Letters.NotifyException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Notify refused or could not be reached: the code was never delivered, and still counts toward the sends.
            return new Outcome<PendingCode>.Conflict("We could not send the email just now. Wait a few minutes and try again.");
        }

        return new PendingCode(codeId, email);
    }
}
