using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;

namespace Reeve.Letters;

/// <summary>
/// The letter to a person whose arrangement payment was missed: the arrangement's amount and its schedule, to the
/// first account it covers, once per arrangement and day (the source key).
/// </summary>
public static class ArrangementLetters
{
    public static async Task RequestMissedPaymentAsync(DbConnection connection, DbTransaction tx, Arrangement arrangement, LocalDate day, CouncilId council, Instant now)
    {
        if (arrangement.Accounts.Count == 0 || arrangement.Instalments.Count == 0)
        {
            return;
        }

        var fields = new ArrangementFields(arrangement.Total, arrangement.Instalments.Select(i => new InstalmentLine(i.DueOn, i.Amount)).ToList());
        var request = new LetterRequest(council, arrangement.Accounts[0].AccountId, day, $"arrangement:{arrangement.ArrangementId}:missed:{day:uuuu-MM-dd}", fields);
        var queued = await LetterRequests.RequestAsync(connection, tx, request, now);

        // In a Breathing Space the letter is refused and the refusal logged on the account; monitoring goes on.
        var refused = queued is Outcome<QueuedLetter>.Conflict conflict && Moratoriums.IsRefusal(conflict.Message);
        if (queued is not Outcome<QueuedLetter>.Done && !refused)
        {
            throw new InvalidOperationException($"The letter for arrangement {arrangement.ArrangementId} could not be queued");
        }
    }
}
