namespace Reeve.Ledger;

/// <summary>Which books each kind of entry debits and credits.</summary>
public static class EntryRules
{
    public static (Book Debit, Book Credit) BooksFor(EntryKind kind) => kind switch
    {
        EntryKind.Charge => (Book.Debtors, Book.Income),
        EntryKind.AdjustmentIncrease => (Book.Debtors, Book.Income),
        EntryKind.AdjustmentDecrease => (Book.Income, Book.Debtors),
        EntryKind.Costs => (Book.Debtors, Book.CostsIncome),
        EntryKind.Payment => (Book.Cash, Book.Debtors),
        EntryKind.Refund => (Book.Debtors, Book.Cash),
        EntryKind.WriteOff => (Book.WriteOffs, Book.Debtors),
        EntryKind.TransferIn => (Book.Debtors, Book.TransfersClearing),
        EntryKind.TransferOut => (Book.TransfersClearing, Book.Debtors),
        EntryKind.Reversal => throw new ArgumentException("A reversal takes its books from the entry it reverses", nameof(kind)),
    };

    /// <summary>How an entry moves the balance of the account it belongs to: + raises what is owed.</summary>
    public static long EffectOnAccountPence(Book debit, Book credit, long amountPence) =>
        debit == Book.Debtors ? amountPence : credit == Book.Debtors ? -amountPence : 0;
}
