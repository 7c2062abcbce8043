using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.TestKit;

namespace Reeve.Jobs.Tests.Features;

public sealed class PickUpStatementsOnSqlite() : PickUpStatementsTests(new SqliteEngine());

public sealed class PickUpStatementsOnPostgres() : PickUpStatementsTests(new PostgresEngine());

/// <summary>
/// The bank statement job picks up the camt.053 files dropped in the council's folder and imports each through the
/// payments import, which is idempotent: a file is imported once, moved to done (or to failed, with why), and a file
/// picked up again, or after a crash, posts nothing twice.
/// </summary>
public abstract class PickUpStatementsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private const string Job = "import-bank-statements";
    private readonly string _root = Directory.CreateTempSubdirectory("reeve-jobs-").FullName;

    private JobFolders Folders => new(_root);

    private string Inbox => Folders.Statements(Council);

    private JobRunner Runner(string host = "web") => Runners.For(Db, Clock, _root, host, new ImportStatementsJob());

    // A sterling statement in the layout the banks send and the Payments tests write (ImportStatementTests): one
    // credit naming the account, for the bank account the council has recorded.
    private static string Statement(AccountReference reference) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-JOBS-1</MsgId><CreDtTm>2025-04-01T06:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>STMT-1</Id><Acct><Id><Othr><Id>40123412345678</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
            <Ntry><Amt Ccy="GBP">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
              <BookgDt><Dt>2025-03-31</Dt></BookgDt><ValDt><Dt>2025-03-31</Dt></ValDt><AcctSvcrRef>BR-JOBS-1</AcctSvcrRef>
              <NtryDtls><TxDtls><Refs></Refs><RmtInf><Ustrd>CTAX {reference.Value}</Ustrd></RmtInf></TxDtls></NtryDtls>
            </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    private async Task<Account> ChargedAccountWithBankAccountAsync()
    {
        await InTransactionAsync(async (c, tx) => (await CouncilBankAccounts.RecordAsync(c, tx, Council,
            new CouncilBankAccounts.NewAccount("Collection account", "401234", "12345678", null), "test", Now)).ShouldBeOfType<Outcome<CouncilBankAccount>.Done>());
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Charge(account, Money.FromPounds(1_200)) with { Year = new FinancialYear(2025), EffectiveDate = new LocalDate(2025, 4, 1) }], Now));
        return account;
    }

    private Task<Money> PaidAsync(Account account) => ReadAsync(async c =>
        Money.Sum((await ReadAccountLedger.EntriesAsync(c, Council, account.AccountId)).Where(e => e.Kind == EntryKind.Payment).Select(e => e.Amount)));

    private void Drop(string name, string content)
    {
        Directory.CreateDirectory(Inbox);
        File.WriteAllText(Path.Combine(Inbox, name), content, Encoding.UTF8);
    }

    [Fact]
    public async Task A_statement_dropped_in_the_folder_is_imported_once_and_moved_to_done()
    {
        var account = await ChargedAccountWithBankAccountAsync();
        Drop("2025-04-01.xml", Statement(account.Reference));

        var first = await Runner().RunAsync(Job, RunTrigger.Schedule, Now, "scheduler:web");
        // The same file sent again under another name is recognised by its content and posts nothing.
        Drop("2025-04-01-again.xml", Statement(account.Reference));
        var second = await Runner().RunAsync(Job, RunTrigger.Schedule, Now, "scheduler:web");

        first.Outcome.ShouldBe(RunOutcome.Succeeded);
        first.Summary.ShouldStartWith("1 statement picked up. 2025-04-01.xml: import ");
        first.Summary.ShouldContain("1 credit posted (£100.00)");
        second.Outcome.ShouldBe(RunOutcome.Succeeded);
        second.Summary.ShouldContain("2025-04-01-again.xml: imported before as import ");
        (await PaidAsync(account)).ShouldBe(Money.FromPounds(100));
        Directory.GetFiles(Inbox).ShouldBeEmpty();
        Directory.GetFiles(JobFolders.Done(Inbox)).Select(Path.GetFileName).Order().ShouldBe(["2025-04-01-again.xml", "2025-04-01.xml"]);
    }

    [Fact]
    public async Task A_statement_the_import_refuses_goes_to_failed_with_why_and_the_run_is_flagged_failed()
    {
        // A genuine public camt.053 file (genkgo/camt, MIT) for a euro account: refused, for Reeve takes sterling only.
        Directory.CreateDirectory(Inbox);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Corpus", "genkgo-camt053.v2.minimal.xml"), Path.Combine(Inbox, "euro.xml"));

        var run = await Runner().RunAsync(Job, RunTrigger.Schedule, Now, "scheduler:web");

        run.Outcome.ShouldBe(RunOutcome.Failed);
        run.Summary.ShouldStartWith("1 statement picked up, 1 refused (moved to failed). euro.xml: refused, nothing posted. ");
        File.Exists(Path.Combine(JobFolders.Failed(Inbox), "euro.xml")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(JobFolders.Failed(Inbox), "euro.xml.why.txt"))).ShouldStartWith("refused, nothing posted.");
        (await ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "select count(*) from suspense_item"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_run_a_crash_cut_short_after_the_import_resumes_without_posting_twice()
    {
        // The crash: the file was imported and committed, then the process died before moving it; its run row says
        // running and its lease is still held by the web app's scheduler.
        var account = await ChargedAccountWithBankAccountAsync();
        Drop("2025-04-01.xml", Statement(account.Reference));
        var content = await File.ReadAllBytesAsync(Path.Combine(Inbox, "2025-04-01.xml"));
        (await ImportPayments.ImportAsync(Db, new ImportPayments.Request(Council, "2025-04-01.xml", content,
            Reeve.Payments.Domain.Receipts.PaymentFileFormat.Camt053, null, "scheduler:web"), Now)).ShouldBeOfType<ImportPayments.Result.Imported>();
        var crashed = await ReadAsync(async c =>
        {
            var id = await JobRuns.StartAsync(c, Job, RunTrigger.Schedule, Now, Now, "web", "scheduler:web");
            (await JobLease.TryTakeAsync(c, Job, id, "web", Now)).ShouldBeTrue();
            return id;
        });

        // Another scheduler cannot run it while the lease holds; the web app's scheduler, starting again, frees it.
        (await Runner("cli").RunAsync(Job, RunTrigger.Schedule, Now, "scheduler:cli")).Outcome.ShouldBe(RunOutcome.Skipped);
        (await Runner().RecoverAsync()).ShouldBe(1);
        var resumed = await Runner().RunAsync(Job, RunTrigger.Recovered, Now, "scheduler:web");

        var before = await ReadAsync(c => JobRuns.GetAsync(c, crashed));
        (before.Outcome, before.Error).ShouldBe((RunOutcome.Failed, "The run was interrupted: the scheduler stopped before it finished. It is run again; its handlers do nothing twice."));
        resumed.Outcome.ShouldBe(RunOutcome.Succeeded);
        resumed.Summary.ShouldContain("2025-04-01.xml: imported before as import ");
        (await PaidAsync(account)).ShouldBe(Money.FromPounds(100));
        File.Exists(Path.Combine(JobFolders.Done(Inbox), "2025-04-01.xml")).ShouldBeTrue();
    }
}
