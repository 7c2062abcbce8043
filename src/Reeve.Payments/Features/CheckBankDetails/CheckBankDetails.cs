using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Modulus;

namespace Reeve.Payments.Features.CheckBankDetails;

/// <summary>
/// Validates a sort code and account number as typed on a form or read from a file: the shape first, then
/// the modulus check (formats.md 4). Refused details name the field at fault.
/// </summary>
public static class CheckBankDetails
{
    public sealed record CheckedBankDetails(SortCode SortCode, AccountNumber AccountNumber, ModulusResult Modulus);

    public static Outcome<CheckedBankDetails> Check(ModulusWeightTable table, string? sortCodeText, string? accountNumberText)
    {
        if (!SortCode.TryParse(sortCodeText, out var sortCode, out var sortError))
        {
            return new Outcome<CheckedBankDetails>.Invalid("sortCode", sortError);
        }

        if (!AccountNumber.TryParse(accountNumberText, out var accountNumber, out var accountError))
        {
            return new Outcome<CheckedBankDetails>.Invalid("accountNumber", accountError);
        }

        var result = ModulusCheck.Check(table, sortCode, accountNumber);
        return result.Passes
            ? new CheckedBankDetails(sortCode, accountNumber, result)
            : new Outcome<CheckedBankDetails>.Invalid("accountNumber", "The account number is not valid for that sort code: check both have been typed correctly");
    }
}
