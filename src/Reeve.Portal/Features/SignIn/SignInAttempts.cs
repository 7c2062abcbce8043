using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Portal.Domain;

namespace Reeve.Portal.Features.SignIn;

/// <summary>The sign-in steps whose attempts are counted.</summary>
public enum SignInStep
{
    /// <summary>Account reference, postcode and bill amount.</summary>
    Proof,

    /// <summary>A code asked for by email address.</summary>
    Email,

    /// <summary>A code typed in.</summary>
    Code,
}

/// <summary>
/// Every attempt at a sign-in step, written as it happens; the lockout is a count of the refused ones in the last
/// <see cref="SignInLimits.Window"/>, by what the attempt was about and by the address it came from.
/// </summary>
public static class SignInAttempts
{
    public static async Task RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, SignInStep step, string subject, string address, bool refused, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "portal_attempt", 1);
        await connection.ExecuteAsync(
            "insert into portal_attempt (council_id, attempt_id, at, step, subject, address, refused) values (@council, @id, @now, @step, @subject, @address, @refused)",
            new { council = council.Value, id, now, step = Code(step), subject, address, refused = refused ? 1 : 0 }, tx);
    }

    /// <summary>True when the subject or the address has had too many refusals in the window.</summary>
    public static async Task<bool> LockedAsync(DbConnection connection, DbTransaction tx, CouncilId council, string subject, string address, Instant now)
    {
        var since = now - SignInLimits.Window;
        var counts = await connection.QuerySingleAsync<(long Subject, long Address)>(
            "select (select count(*) from portal_attempt where council_id = @council and subject = @subject and refused = 1 and at > @since), " +
            "(select count(*) from portal_attempt where council_id = @council and address = @address and refused = 1 and at > @since)",
            new { council = council.Value, subject, address, since }, tx);
        return SignInLimits.IsLocked(checked((int)counts.Subject), checked((int)counts.Address));
    }

    /// <summary>Codes sent to this subject (an email) in the window, refused or not.</summary>
    public static Task<long> CodesSentAsync(DbConnection connection, DbTransaction tx, CouncilId council, string subject, Instant now) =>
        connection.ExecuteScalarAsync<long>(
            "select count(*) from portal_attempt where council_id = @council and subject = @subject and step = 'email' and refused = 0 and at > @since",
            new { council = council.Value, subject, since = now - SignInLimits.Window }, tx);

    public static string Code(SignInStep step) => step switch
    {
        SignInStep.Proof => "proof",
        SignInStep.Email => "email",
        SignInStep.Code => "code",
    };
}
