using Reeve.Kernel;

namespace Reeve.Payments.Domain.DirectDebit;

/// <summary>
/// The Bacs reference of a mandate: a prefix for the kind of account, then the account reference, so that a
/// returned debit or an advice names the account even without the mandate (PayerReference finds it). A later
/// mandate on the same account gets "-2", "-3": Bacs wants a reference unique to each instruction under a SUN.
/// </summary>
public static class MandateReference
{
    public static string For(AccountKind kind, AccountReference account, int mandatesBefore)
    {
        var prefix = kind switch
        {
            AccountKind.CouncilTax => "CT",
            AccountKind.BusinessRates => "NDR",
            _ => "RV",
        };
        var reference = prefix + account.Value;
        return mandatesBefore == 0 ? reference : $"{reference}-{mandatesBefore + 1}";
    }
}
