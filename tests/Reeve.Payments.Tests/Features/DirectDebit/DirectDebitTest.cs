using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Tests.Domain.Modulus;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

/// <summary>
/// A council set up as a Bacs service user, council tax accounts billed in 10 monthly instalments of £100 from
/// 1 April 2025 (the bill issued on 10 March), and the steps of the Direct Debit day as the CLI takes them.
/// </summary>
public abstract class DirectDebitTest(IDatabaseEngine engine) : PaymentsTest(engine)
{
    protected static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;
    protected static readonly LocalDate Today = new(2025, 4, 1);
    protected static readonly LocalDate LodgedOn = new(2025, 4, 2);

    /// <summary>Processing day of the instalment due on Thursday 1 May 2025: Wednesday 30 April.</summary>
    protected static readonly LocalDate MayRun = new(2025, 4, 30);

    protected static readonly ServiceUser Council1 = new("123456", SortCode.Parse("107999"), AccountNumber.Parse("88837491"), "WEALDMOOR COUNCIL");

    protected async Task SetOriginatorAsync(int leadDays = 3) =>
        await InTransactionAsync(async (c, tx) =>
        {
            await Mandates.SetOriginatorAsync(c, tx, Council, new DirectDebitOriginator(Council1, leadDays));
            return 0;
        });

    /// <summary>An account charged £1,000 for 2025/26 with a bill of 10 instalments of £100 due on the 1st, April to January.</summary>
    protected async Task<Account> BilledAccountAsync(LocalDate? issuedOn = null)
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 1000_00);
        var pg = Db.IsPostgres;
        await InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "insert into bill (council_id, account_id, financial_year, version, issued_on, net_pence, reason, working, created_at) " +
                "values (@council, @account, 2025, 1, @issued, 100000, 'annual bill', '{}', @now)",
                new { council = Council.Value, account = account.AccountId, issued = issuedOn ?? new LocalDate(2025, 3, 10), now = Now }, tx);
            for (var seq = 1; seq <= 10; seq++)
            {
                var due = new LocalDate(2025, 4, 1).PlusMonths(seq - 1);
                await c.ExecuteAsync(
                    "insert into instalment (council_id, account_id, financial_year, version, seq, due_on, amount_pence) values (@council, @account, 2025, 1, @seq, @due, 10000)",
                    new { council = Council.Value, account = account.AccountId, seq, due = due }, tx);
            }

            return 0;
        });
        return account;
    }

    protected Task<Outcome<Mandate>> SetUpMandateAsync(Account account, string sortCode = "089999", string accountNumber = "66374958", LocalDate? signedOn = null) =>
        InTransactionAsync((c, tx) => Mandates.SetUpAsync(c, tx, Council, ModulusCheckTests.Table,
            new Mandates.SetUp(account.AccountId, "J Smith", sortCode, accountNumber, signedOn ?? new LocalDate(2025, 3, 1), Officer), Now));

    protected async Task<Mandate> LodgedMandateAsync(Account account)
    {
        var mandate = (await SetUpMandateAsync(account)).ShouldBeOfType<Outcome<Mandate>.Done>().Value;
        (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>();
        return mandate;
    }

    protected Task<LodgeMandates.Result> LodgeAsync(LocalDate? processingDate = null) =>
        LodgeMandates.LodgeAsync(Db, Council, processingDate ?? LodgedOn, Today, Calendar, Officer, Now);

    protected Task<CollectDirectDebits.Result> CollectAsync(LocalDate processingDate, LocalDate? today = null) =>
        CollectDirectDebits.CollectAsync(Db, Council, processingDate, today ?? Today, Calendar, Officer, Now);

    protected static CollectDirectDebits.Report Collected(CollectDirectDebits.Result result) =>
        result.ShouldBeOfType<CollectDirectDebits.Result.Collected>().Report;

    protected Task<Mandate?> MandateAsync(long mandateId) => ReadAsync(c => Mandates.GetAsync(c, null, Council, mandateId));

    protected Task<IReadOnlyList<AccountEvent>> EventsAsync(Account account) => ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId));

    protected Task<Account?> ReloadAsync(Account account) => ReadAsync(c => AccountStore.GetAsync(c, Council, account.AccountId));

    protected static string Item(string reference, string returnCode, string description, LocalDate original, string amount) => $"""
        <ReturnedDebitItem ref="{reference}" transCode="17" returnCode="{returnCode}" returnDescription="{description}" originalProcessingDate="{original:uuuu-MM-dd}" valueOf="{amount}" currency="GBP">
          <PayerAccount number="66374958" ref="{reference}" name="J SMITH" sortCode="08-99-99"/>
        </ReturnedDebitItem>
        """;

    /// <summary>An ARUDD report processed on <paramref name="processed"/> with one returned item.</summary>
    protected static byte[] Arudd(string item, string amount, LocalDate processed) => System.Text.Encoding.UTF8.GetBytes(
        Domain.Reports.AruddReportTests.Arudd(item, $"""<Totals numberOf="1" valueOf="{amount}" currency="GBP"/>""")
            .Replace("currentProcessingDate=\"2025-03-07\"", $"currentProcessingDate=\"{processed:uuuu-MM-dd}\"", StringComparison.Ordinal));

    protected static byte[] Messaging(string adviceType, string advices) => System.Text.Encoding.UTF8.GetBytes($"""
        <?xml version = '1.0' encoding = 'UTF-8'?>
        <BACSDocument>
          <Data>
            <MessagingAdvices>
              <MessagingHeader document-number="0" advice-type="{adviceType}" user-number="123456" report-generation-date="2025-05-06" user-name="WEALDMOOR COUNCIL" report-type="7001"/>
              <AddresseeInformation name=" "/>
              {advices}
              <MessagingError line1="0" line3="0" line2="0"/>
            </MessagingAdvices>
          </Data>
        </BACSDocument>
        """);
}
