using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// A bank debit Reeve could not put against its credit is work for the Payments team: raised where the statement import
/// keeps it for an officer, closed where an officer resolves it (<see cref="ResolveBankDebit"/>). Three working days.
/// </summary>
public static class BankDebitWork
{
    public const string Source = "payments.bank-debit";
    public const int WorkingDaysToResolve = 3;

    public static string Key(long importId, string line) => $"{importId.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{line}";

    public static WorkToRaise For(long importId, string line, Money amount, string note, Instant raisedAt) => new(
        Source, Key(importId, line), "Bank debit to work", $"{amount.Abs().ToDisplayString()} taken back by the bank: {note}", WorkTeams.Payments,
        WorkClocks.WorkingDaysAfter(raisedAt, WorkingDaysToResolve), WorkClock.WorkingDays);

    /// <summary>Bank debits still waiting when the queue arrived (the list the Payments page shows).</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => BankDebitWork.Source;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await BankEntries.ForOfficerAsync(connection, council, tx))
            .Select(d => For(d.ImportId, d.Line, d.Amount, d.Note, today.AtStartOfDayInZone(UkTime.Zone).ToInstant())).ToList();
    }
}
