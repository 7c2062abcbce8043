using System.Data.Common;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments;

/// <summary>
/// Records the council's Bacs service user for Direct Debit (issue 17's council set-up): the six-digit service user
/// number its sponsor bank gave it, the account collections are paid into, and the name payers' statements show.
/// Refusals name the field; nothing is saved then.
/// </summary>
public static class SetServiceUser
{
    /// <summary>Bacs carries the service user's name in 18 characters (Standard 18 user header label).</summary>
    public const int MaxName = 18;

    public static async Task<Outcome<DirectDebitOriginator>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string? serviceUserNumber, string? sortCode, string? accountNumber, string? name,
        int lodgementLeadWorkingDays = 3)
    {
        var sun = (serviceUserNumber ?? "").Trim();
        if (sun.Length != 6 || !sun.All(char.IsAsciiDigit))
        {
            return new Outcome<DirectDebitOriginator>.Invalid("serviceUserNumber", "Enter the service user number: six digits, like 123456");
        }

        if (!SortCode.TryParse(sortCode, out var sort, out var sortError))
        {
            return new Outcome<DirectDebitOriginator>.Invalid("sortCode", sortError);
        }

        if (!AccountNumber.TryParse(accountNumber, out var number, out var numberError))
        {
            return new Outcome<DirectDebitOriginator>.Invalid("accountNumber", numberError);
        }

        var n = (name ?? "").Trim().ToUpperInvariant();
        if (n.Length == 0 || n.Length > MaxName || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '&' or '-' or '/'))
        {
            return new Outcome<DirectDebitOriginator>.Invalid("name", $"Enter the name payers' bank statements show: up to {MaxName} letters, numbers and spaces");
        }

        var originator = new DirectDebitOriginator(new ServiceUser(sun, sort, number, n), lodgementLeadWorkingDays);
        await Mandates.SetOriginatorAsync(connection, tx, council, originator);
        return originator;
    }
}
