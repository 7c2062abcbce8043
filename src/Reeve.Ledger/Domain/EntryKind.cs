namespace Reeve.Ledger;

/// <summary>What an entry records. The kind fixes which books it moves between (see <see cref="EntryRules"/>).</summary>
public enum EntryKind
{
    Charge = 1,
    Payment = 2,
    Costs = 3,
    AdjustmentIncrease = 4,
    AdjustmentDecrease = 5,
    Refund = 6,
    TransferIn = 7,
    TransferOut = 8,
    WriteOff = 9,
    Reversal = 10,
}

public static class EntryKinds
{
    public static string Code(this EntryKind kind) => kind switch
    {
        EntryKind.Charge => "charge",
        EntryKind.Payment => "payment",
        EntryKind.Costs => "costs",
        EntryKind.AdjustmentIncrease => "adjustment-increase",
        EntryKind.AdjustmentDecrease => "adjustment-decrease",
        EntryKind.Refund => "refund",
        EntryKind.TransferIn => "transfer-in",
        EntryKind.TransferOut => "transfer-out",
        EntryKind.WriteOff => "write-off",
        EntryKind.Reversal => "reversal",
    };

    public static string Title(this EntryKind kind) => kind switch
    {
        EntryKind.Charge => "Charge",
        EntryKind.Payment => "Payment",
        EntryKind.Costs => "Costs",
        EntryKind.AdjustmentIncrease => "Adjustment (increase)",
        EntryKind.AdjustmentDecrease => "Adjustment (decrease)",
        EntryKind.Refund => "Refund",
        EntryKind.TransferIn => "Transfer in",
        EntryKind.TransferOut => "Transfer out",
        EntryKind.WriteOff => "Write-off",
        EntryKind.Reversal => "Reversal",
    };

    /// <summary>The kind from the small code <c>ledger_line</c> stores (the enum's value).</summary>
    public static EntryKind FromNumber(short number) =>
        Enum.IsDefined((EntryKind)number) ? (EntryKind)number : throw new ArgumentOutOfRangeException(nameof(number), number, "Unknown entry kind");

    /// <summary>The small code <c>ledger_line</c> stores for this kind, as SQL text (for a condition such as <c>kind = 2</c>).</summary>
    public static string Sql(this EntryKind kind) => ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static EntryKind FromCode(string code) =>
        Enum.GetValues<EntryKind>().FirstOrDefault(k => k.Code() == code) is var k && k != 0
            ? k
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown entry kind");
}
