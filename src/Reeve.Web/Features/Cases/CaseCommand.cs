using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Features.Cases;

/// <summary>
/// Runs one change to a case (log, assign, pause, extend, escalate, answer) in one transaction with its audit line,
/// committed only when the change was done.
/// </summary>
public sealed class CaseCommand(ReeveDatabase db, IClock clock, OfficerAudit audit)
{
    public const string Subject = "case";

    public LocalDate Today => UkTime.Today(clock);

    public Instant Now => clock.GetCurrentInstant();

    public async Task<Outcome<T>> RunAsync<T>(
        HttpContext http, Func<T, long> caseIdOf, string detail, Func<DbConnection, DbTransaction, CouncilId, string, Task<Outcome<T>>> change, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await change(connection, tx, http.User.CouncilId(), http.User.OfficerUsername());
        if (outcome is Outcome<T>.Done done)
        {
            await audit.RecordAsync(http, connection, tx, AuditTrail.Actions.Change, Subject, caseIdOf(done.Value).ToString(CultureInfo.InvariantCulture), detail);
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }
}
