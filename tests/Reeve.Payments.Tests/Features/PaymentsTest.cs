using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

/// <summary>Accounts with charges, payment files and the reads the payment feature tests repeat.</summary>
public abstract class PaymentsTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected const string Officer = "a.clerk";

    protected Task<Account> OpenAccountAsync() => Accounts.OpenAsync(Db, Council, Now);

    /// <summary>Charges the account for a year, as a bill would.</summary>
    protected Task ChargeAsync(Account account, int year, long pence) =>
        InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Charge(account, Money.FromPence(pence)) with { Year = new FinancialYear(year), EffectiveDate = new FinancialYear(year).FirstDay }], Now));

    /// <summary>Sets the council's approval limit for refunds and for reversals that lower what is owed.</summary>
    protected async Task SetLimitAsync(long pence) =>
        await InTransactionAsync(async (c, tx) =>
        {
            await RefundStore.SetSettingsAsync(c, tx, Council, new RefundSettings(Money.FromPence(pence),
                new Reeve.Payments.Domain.Bacs.ServiceUser("123456", Reeve.Payments.Domain.BankDetails.SortCode.Parse("089999"),
                Reeve.Payments.Domain.BankDetails.AccountNumber.Parse("66374958"), "WEALDMOOR DC")));
            return 0;
        });

    /// <summary>A bank CSV in the "signed" layout: ISO date, description, amount, no header.</summary>
    protected static byte[] BankCsv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    protected static string Line(string description, string amount, string date = "2025-05-01") => $"{date},\"{description}\",{amount}";

    protected Task<ImportPayments.Result> ImportAsync(byte[] content, string fileName = "statement.csv") =>
        ImportPayments.ImportAsync(Db, new ImportPayments.Request(Council, fileName, content, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, Officer), Now);

    protected static ImportPayments.Report Imported(ImportPayments.Result result) =>
        result.ShouldBeOfType<ImportPayments.Result.Imported>().Report;

    protected Task<IReadOnlyList<PostedEntry>> EntriesAsync(Account account) =>
        ReadAsync(c => ReadAccountLedger.EntriesAsync(c, Council, account.AccountId));

    protected Task<Money> BalanceAsync(Account account) => ReadAsync(c => ReadBalance.BalanceAsync(c, Council, account.AccountId));

    protected Task<long> CountAsync(string table) => ReadAsync(c => c.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    protected static string Mistyped(AccountReference reference) =>
        reference.Value[..8] + (char)('0' + ((reference.Value[8] - '0' + 1) % 10));

    protected static LocalDate May1 => new(2025, 5, 1);

    /// <summary>Records one of the council's bank accounts, as a statement must name one (the test statements name 40-12-34 12345678).</summary>
    protected Task<CouncilBankAccount> RecordBankAccountAsync(string sortCode = "401234", string accountNumber = "12345678", string? iban = null, CouncilId? council = null) =>
        InTransactionAsync(async (c, tx) => (await CouncilBankAccounts.RecordAsync(c, tx, council ?? Council,
            new CouncilBankAccounts.NewAccount("Collection account", sortCode, accountNumber, iban), Officer, Now)).ShouldBeOfType<Outcome<CouncilBankAccount>.Done>().Value);

    protected Task<ImportPayments.Result> ImportCamtAsync(string xml, string fileName = "statement.xml") =>
        ImportPayments.ImportAsync(Db, new ImportPayments.Request(Council, fileName, Encoding.UTF8.GetBytes(xml), PaymentFileFormat.Camt053, null, Officer), Now);
}
