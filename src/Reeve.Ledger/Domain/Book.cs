namespace Reeve.Ledger;

/// <summary>
/// The nominal books the ledger posts between. Every entry debits one book and credits another by the
/// same amount, so the ledger balances by construction. "Debtors" is the council's control book for
/// what people owe: an entry that debits it raises the account's balance; one that credits it lowers it.
/// </summary>
public enum Book
{
    Debtors = 1,
    Income = 2,
    CostsIncome = 3,
    Cash = 4,
    WriteOffs = 5,
    TransfersClearing = 6,
}

public static class Books
{
    public static string Code(this Book book) => book switch
    {
        Book.Debtors => "debtors",
        Book.Income => "income",
        Book.CostsIncome => "costs-income",
        Book.Cash => "cash",
        Book.WriteOffs => "write-offs",
        Book.TransfersClearing => "transfers-clearing",
    };

    /// <summary>The book from the small code <c>ledger_line</c> stores (the enum's value).</summary>
    public static Book FromNumber(short number) =>
        Enum.IsDefined((Book)number) ? (Book)number : throw new ArgumentOutOfRangeException(nameof(number), number, "Unknown ledger book");

    /// <summary>
    /// SQL for how an entry of <c>ledger_line</c> (aliased <paramref name="alias"/>) moves its account's balance: + for a
    /// debit to the debtors book, − for a credit to it (see <see cref="EntryRules.EffectOnAccountPence"/>).
    /// </summary>
    public static string EffectOnAccountSql(string alias) =>
        $"case when {alias}.debit_book = {(int)Book.Debtors} then {alias}.amount_pence when {alias}.credit_book = {(int)Book.Debtors} then -{alias}.amount_pence else 0 end";

    public static Book FromCode(string code) => code switch
    {
        "debtors" => Book.Debtors,
        "income" => Book.Income,
        "costs-income" => Book.CostsIncome,
        "cash" => Book.Cash,
        "write-offs" => Book.WriteOffs,
        "transfers-clearing" => Book.TransfersClearing,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown ledger book"),
    };
}
