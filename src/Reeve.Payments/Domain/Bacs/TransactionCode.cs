namespace Reeve.Payments.Domain.Bacs;

/// <summary>Standard 18 transaction codes (formats.md 1.7).</summary>
public enum TransactionCode
{
    /// <summary>01: the first collection under a new instruction.</summary>
    FirstCollection,

    /// <summary>17: a regular collection (and the debit contra of a credit file).</summary>
    RegularCollection,

    /// <summary>18: re-presentation of an unpaid Direct Debit after ARUDD reason 0.</summary>
    RePresentation,

    /// <summary>19: the final collection.</summary>
    FinalCollection,

    /// <summary>99: a Bacs Direct Credit (and the credit contra of a Direct Debit file).</summary>
    DirectCredit,

    /// <summary>0N: AUDDIS, lodge a new instruction.</summary>
    NewInstruction,

    /// <summary>0C: AUDDIS, cancel an instruction.</summary>
    CancelInstruction,

    /// <summary>0S: AUDDIS, convert an existing paper instruction (meaning unconfirmed, formats.md 1.7).</summary>
    ConvertInstruction,
}

public static class TransactionCodes
{
    public static string Code(this TransactionCode code) => code switch
    {
        TransactionCode.FirstCollection => "01",
        TransactionCode.RegularCollection => "17",
        TransactionCode.RePresentation => "18",
        TransactionCode.FinalCollection => "19",
        TransactionCode.DirectCredit => "99",
        TransactionCode.NewInstruction => "0N",
        TransactionCode.CancelInstruction => "0C",
        TransactionCode.ConvertInstruction => "0S",
    };

    public static bool TryParse(string text, out TransactionCode code)
    {
        foreach (var candidate in Enum.GetValues<TransactionCode>())
        {
            if (candidate.Code() == text)
            {
                code = candidate;
                return true;
            }
        }

        code = default;
        return false;
    }

    public static bool IsCollection(this TransactionCode code) =>
        code is TransactionCode.FirstCollection or TransactionCode.RegularCollection
            or TransactionCode.RePresentation or TransactionCode.FinalCollection;

    public static bool IsAuddis(this TransactionCode code) =>
        code is TransactionCode.NewInstruction or TransactionCode.CancelInstruction or TransactionCode.ConvertInstruction;
}
