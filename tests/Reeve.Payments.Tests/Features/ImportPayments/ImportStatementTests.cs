using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ImportStatementOnSqlite() : ImportStatementTests(new SqliteEngine());

public sealed class ImportStatementOnPostgres() : ImportStatementTests(new PostgresEngine());

/// <summary>
/// camt.053 statements as banks send them (issue 21): each bank entry posted once whatever file it comes in, each
/// statement only for an account the council has recorded, booked amounts, pending entries, reversals and returns.
/// The files are written here the way the banks' own (and the public fixtures in Corpus/camt053) are.
/// </summary>
public abstract class ImportStatementTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private const string Ours = "40123412345678";
    private const string Second = "40123487654321";

    internal static string File(string messageId, params string[] statements) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>{messageId}</MsgId><CreDtTm>2025-05-02T06:00:00</CreDtTm></GrpHdr>
            {string.Join("\n", statements)}
          </BkToCstmrStmt>
        </Document>
        """;

    internal static string Stmt(string account, string entries, string id = "STMT-1", string totals = "") => $"""
        <Stmt><Id>{id}</Id><Acct><Id><Othr><Id>{account}</Id></Othr></Id><Ccy>GBP</Ccy></Acct>{totals}
        {entries}
        </Stmt>
        """;

    internal static string Entry(
        string amount, string text, string? bankRef, string direction = "CRDT", string status = "BOOK", bool reversal = false,
        string? endToEnd = null, string? txAmount = null, string? family = null, string day = "2025-05-01") => $"""
        <Ntry><Amt Ccy="GBP">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd>{(reversal ? "<RvslInd>true</RvslInd>" : "")}<Sts>{status}</Sts>
          <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>{(bankRef is null ? "" : $"<AcctSvcrRef>{bankRef}</AcctSvcrRef>")}
          {(family is null ? "" : $"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>{family}</SubFmlyCd></Fmly></Domn></BkTxCd>")}
          <NtryDtls><TxDtls><Refs>{(endToEnd is null ? "" : $"<EndToEndId>{endToEnd}</EndToEndId>")}</Refs>{(txAmount is null ? "" : $"<AmtDtls><TxAmt><Amt Ccy=\"GBP\">{txAmount}</Amt></TxAmt></AmtDtls>")}
          <RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls>
        </Ntry>
        """;

    private async Task<Account> ChargedAccountAsync()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 120_000);
        return account;
    }

    private async Task<Money> PaymentsAsync(Account account) =>
        Money.Sum((await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Payment).Select(e => e.Amount));

    [Fact]
    public async Task A_statement_sent_again_with_a_new_message_id_posts_nothing_and_says_each_entry_is_a_duplicate()
    {
        // Defect 1: the same credit, in a file whose only change is its message id, and again while pending.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var entries = Entry("100.00", $"CTAX {account.Reference}", "BR-0001") + Entry("7.25", "NO REFERENCE", "BR-0002");
        Imported(await ImportCamtAsync(File("MSG-1", Stmt(Ours, entries)))).PostedCount.ShouldBe(1);

        var again = Imported(await ImportCamtAsync(File("MSG-1-RESENT", Stmt(Ours, entries))));
        var pendingCopy = Imported(await ImportCamtAsync(File("MSG-1-PENDING", Stmt(Ours, Entry("100.00", $"CTAX {account.Reference}", "BR-0001", status: "PDNG")))));

        (again.PostedCount, again.SuspenseCount, again.Duplicates, again.DuplicateTotal).ShouldBe((0, 0, 2, Money.FromPence(10_725)));
        (pendingCopy.PostedCount, pendingCopy.Pending, pendingCopy.PendingTotal).ShouldBe((0, 1, Money.FromPounds(100)));
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(100));
        (await CountAsync("suspense_item")).ShouldBe(1);
        var day = await ReconcileDay.ReconcileAsync(Db, Council, May1);
        day.Agrees.ShouldBeTrue();
        day.Channels.ShouldHaveSingleItem().Statement.ShouldBe(Money.FromPence(10_725));
    }

    [Fact]
    public async Task A_file_with_a_statement_per_account_posts_each_and_refuses_only_the_account_the_council_has_not_recorded()
    {
        // Defects 3 and 7: a bank's daily file carries one statement per account; only recorded accounts are taken.
        await RecordBankAccountAsync();
        await RecordBankAccountAsync(accountNumber: "87654321");
        var account = await ChargedAccountAsync();
        var file = File("MSG-DAILY",
            Stmt(Ours, Entry("10.00", $"CTAX {account.Reference}", "A-1"), "S1"),
            Stmt(Second, Entry("20.00", $"CTAX {account.Reference}", "A-1"), "S2"),
            Stmt("99999912345678", Entry("40.00", $"CTAX {account.Reference}", "X-1"), "S3"));

        var report = Imported(await ImportCamtAsync(file));

        report.PostedTotal.ShouldBe(Money.FromPounds(30));
        report.Statements.Select(s => (s.StatementId, s.RefusedField)).ShouldBe([
            ("S1", null), ("S2", null), ("S3", "Document/BkToCstmrStmt/Stmt[3]/Acct/Id")]);
        report.Statements[2].RefusedMessage!.ShouldContain("99999912345678 is not one of the council's recorded bank accounts");
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(30));
    }

    [Fact]
    public async Task The_same_file_imported_again_once_the_refused_statements_account_is_recorded_posts_only_that_statement()
    {
        // A refused statement is not lost: the file is not known by its bytes alone while any of it was refused.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var file = File("MSG-LATER",
            Stmt(Ours, Entry("10.00", $"CTAX {account.Reference}", "L-1"), "S1"),
            Stmt(Second, Entry("20.00", $"CTAX {account.Reference}", "L-2"), "S2"));
        Imported(await ImportCamtAsync(file)).Statements.Count(s => s.RefusedField is not null).ShouldBe(1);
        await RecordBankAccountAsync(accountNumber: "87654321");

        var again = Imported(await ImportCamtAsync(file));

        (again.PostedTotal, again.Duplicates).ShouldBe((Money.FromPounds(20), 1));
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(30));
        (await ImportCamtAsync(file)).ShouldBeOfType<ImportPayments.Result.AlreadyImported>();
        (await ReconcileDay.ReconcileAsync(Db, Council, May1)).Agrees.ShouldBeTrue();
    }

    [Fact]
    public async Task A_statement_for_an_account_no_one_recorded_or_another_council_recorded_is_refused_and_nothing_is_written()
    {
        // Defect 7: the statement's own account decides the council; it is never posted into whichever is named.
        var other = await Councils.SeedOtherAsync(Db, Now);
        await RecordBankAccountAsync(council: other);
        var account = await ChargedAccountAsync();

        var refused = (await ImportCamtAsync(File("MSG-2", Stmt(Ours, Entry("10.00", $"CTAX {account.Reference}", "B-1"))))).ShouldBeOfType<ImportPayments.Result.Refused>();
        var unknown = (await ImportCamtAsync(File("MSG-3", Stmt("11111122222222", Entry("10.00", $"CTAX {account.Reference}", "B-1"))))).ShouldBeOfType<ImportPayments.Result.Refused>();

        refused.Field.ShouldBe("Document/BkToCstmrStmt/Stmt/Acct/Id");
        refused.Message.ShouldContain("recorded by another council");
        unknown.Message.ShouldContain("11111122222222 is not one of the council's recorded bank accounts");
        (await CountAsync("payment_import")).ShouldBe(0);
        (await CountAsync("ledger_entry")).ShouldBe(1);
    }

    [Fact]
    public async Task A_statement_is_found_by_the_IBAN_the_bank_gives_for_a_recorded_sort_code_and_account_number()
    {
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var xml = File("MSG-IBAN", Stmt(Ours, Entry("10.00", $"CTAX {account.Reference}", "C-1")))
            .Replace($"<Othr><Id>{Ours}</Id></Othr>", "<IBAN>GB33BUKB40123412345678</IBAN>", StringComparison.Ordinal);

        Imported(await ImportCamtAsync(xml)).PostedTotal.ShouldBe(Money.FromPounds(10));
    }

    [Fact]
    public async Task An_entry_without_a_bank_reference_is_imported_and_keyed_so_a_resent_copy_posts_nothing()
    {
        // Defect 4: AcctSvcrRef is optional; a debit without it no longer refuses the file, a credit without any
        // reference is known again by its fingerprint.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var entries = Entry("3.00", "BANK CHARGES", null, direction: "DBIT") + Entry("50.00", $"CTAX {account.Reference}", null);

        var first = Imported(await ImportCamtAsync(File("MSG-4", Stmt(Ours, entries))));
        var again = Imported(await ImportCamtAsync(File("MSG-4-AGAIN", Stmt(Ours, entries))));

        (first.PostedCount, first.NotCredits).ShouldBe((1, 1));
        (again.PostedCount, again.Duplicates).ShouldBe((0, 1));
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(50));
    }

    [Fact]
    public async Task The_amount_posted_is_the_amount_the_bank_booked_not_the_transaction_amount()
    {
        // Defect 5: £100 booked, the one transaction saying £64: £100 is posted, and the day agrees with the bank.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();

        Imported(await ImportCamtAsync(File("MSG-5", Stmt(Ours, Entry("100.00", $"CTAX {account.Reference}", "D-1", txAmount: "64.00")))));

        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(100));
        (await ReconcileDay.ReconcileAsync(Db, Council, May1)).Agrees.ShouldBeTrue();
    }

    [Fact]
    public async Task A_returned_credit_goes_to_suspense_as_money_returned_and_a_debit_taking_back_a_posted_credit_reverses_it()
    {
        // Defect 6: a bounced refund coming back (a credit with the reversal indicator) is an officer's; a recall of
        // an earlier credit (a debit with the reversal indicator and the credit's end-to-end id) reverses its posting.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        Imported(await ImportCamtAsync(File("MSG-6", Stmt(Ours, Entry("80.00", $"CTAX {account.Reference}", "E-1", endToEnd: "E2E-80")))));

        var report = Imported(await ImportCamtAsync(File("MSG-7", Stmt(Ours,
            Entry("45.00", "REFUND RETURNED ACCOUNT CLOSED", "E-2", reversal: true, day: "2025-05-02") +
            Entry("80.00", "RECALL", "E-3", direction: "DBIT", reversal: true, endToEnd: "E2E-80", day: "2025-05-02") +
            Entry("12.00", "CHEQUE UNPAID", "E-4", direction: "DBIT", family: "UPCQ", day: "2025-05-02")))));

        report.SuspenseByReason.ShouldHaveSingleItem().ShouldBe(new ImportPayments.ReasonTotal(SuspenseReason.MoneyReturned, 1, Money.FromPounds(45)));
        report.TakeBacks.Select(t => (t.BankReference, t.Reversed)).ShouldBe([("E-3", true), ("E-4", false)]);
        var reversal = (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Reversal).ShouldHaveSingleItem();
        reversal.Amount.ShouldBe(Money.FromPounds(80));
        reversal.EffectiveDate.ShouldBe(May1.PlusDays(1));
        (await BalanceAsync(account)).ShouldBe(Money.FromPounds(1_200));
        var forOfficer = (await ReadAsync(c => BankEntries.ForOfficerAsync(c, Council))).ShouldHaveSingleItem();
        (forOfficer.Amount, forOfficer.Line).ShouldBe((Money.FromPounds(-12), "3"));
        forOfficer.Note.ShouldContain("no earlier credit to this account");
    }

    [Fact]
    public async Task An_officer_closes_a_bank_debit_with_a_note_once_and_it_leaves_the_list_posting_nothing()
    {
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var report = Imported(await ImportCamtAsync(File("MSG-9", Stmt(Ours, Entry("12.00", "CHEQUE UNPAID", "G-1", direction: "DBIT", family: "UPCQ")))));
        var waiting = (await ReadAsync(c => BankEntries.ForOfficerAsync(c, Council))).ShouldHaveSingleItem();
        var entries = (await EntriesAsync(account)).Count;
        var queued = (await QueuedAsync(BankDebitWork.Source, BankDebitWork.Key(waiting.ImportId, waiting.Line))).ShouldNotBeNull();
        (queued.State, queued.Kind).ShouldBe((Reeve.Work.WorkState.Open, "Bank debit to work"));

        Task<Outcome<ResolveBankDebit.Resolved>> CloseAsync(string? note, string line) => InTransactionAsync((c, tx) =>
            ResolveBankDebit.ResolveAsync(c, tx, Council, waiting.ImportId, line, note, "tlee", "127.0.0.1", Now));

        (await CloseAsync(" ", waiting.Line)).ShouldBeOfType<Outcome<ResolveBankDebit.Resolved>.Invalid>().Field.ShouldBe("note");
        (await CloseAsync("Reversed by hand", "99")).ShouldBeOfType<Outcome<ResolveBankDebit.Resolved>.NotFound>();
        var closed = (await CloseAsync("Reversed the cheque payment by hand", waiting.Line)).ShouldBeOfType<Outcome<ResolveBankDebit.Resolved>.Done>().Value;
        var again = await CloseAsync("Closing it twice", waiting.Line);

        (closed.Amount, closed.ResolvedBy).ShouldBe((Money.FromPounds(-12), "tlee"));
        again.ShouldBeOfType<Outcome<ResolveBankDebit.Resolved>.Conflict>().Message.ShouldContain("already closed by tlee: Reversed the cheque payment by hand");
        (await ReadAsync(c => BankEntries.ForOfficerAsync(c, Council))).ShouldBeEmpty();
        (await QueuedAsync(BankDebitWork.Source, BankDebitWork.Key(waiting.ImportId, waiting.Line)))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
        (await EntriesAsync(account)).Count.ShouldBe(entries);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>(
            "select detail from audit_log where subject_kind = 'bank-entry' and subject_id = @id", new { id = $"{waiting.ImportId}/{waiting.Line}" })))
            .ShouldBe("Closed the bank debit of £12.00: Reversed the cheque payment by hand");
        report.TakeBacks.ShouldHaveSingleItem().Reversed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_control_total_with_four_decimal_places_is_taken()
    {
        // Defect 8: 600.0000 is six hundred pounds.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var totals = "<TxsSummry><TtlNtries><NbOfNtries>1</NbOfNtries><Sum>600.0000</Sum></TtlNtries></TxsSummry>";

        var report = Imported(await ImportCamtAsync(File("MSG-8", Stmt(Ours, Entry("600.00", $"CTAX {account.Reference}", "F-1"), totals: totals))));

        report.PostedTotal.ShouldBe(Money.FromPounds(600));
    }

    [Fact]
    public async Task A_pending_entry_is_reported_and_not_posted_and_posts_once_when_it_is_booked()
    {
        // Defect 9: PDNG is not money on the account yet.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();

        var pending = Imported(await ImportCamtAsync(File("MSG-9", Stmt(Ours, Entry("30.00", $"CTAX {account.Reference}", "G-1", status: "PDNG")))));
        var booked = Imported(await ImportCamtAsync(File("MSG-10", Stmt(Ours, Entry("30.00", $"CTAX {account.Reference}", "G-1")))));

        (pending.PostedCount, pending.Pending).ShouldBe((0, 1));
        booked.PostedCount.ShouldBe(1);
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(30));
    }

    [Fact]
    public async Task A_statement_inside_a_business_message_envelope_with_an_application_header_is_imported()
    {
        // Defect 10: CBPR+ delivers camt.053.001.08 inside BizMsgEnvlp with a head.001 AppHdr.
        await RecordBankAccountAsync();
        var account = await ChargedAccountAsync();
        var document = File("MSG-11", Stmt(Ours, Entry("15.00", $"CTAX {account.Reference}", "H-1")))
            .Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", StringComparison.Ordinal)
            .Replace("camt.053.001.02", "camt.053.001.08", StringComparison.Ordinal)
            .Replace("<Sts>BOOK</Sts>", "<Sts><Cd>BOOK</Cd></Sts>", StringComparison.Ordinal);
        var envelope = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <BizMsgEnvlp xmlns="urn:swift:xsd:envelope">
              <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
                <Fr><FIId><FinInstnId><BICFI>BUKBGB22</BICFI></FinInstnId></FIId></Fr>
                <To><FIId><FinInstnId><BICFI>COUNGB2L</BICFI></FinInstnId></FIId></To>
                <BizMsgIdr>MSG-11</BizMsgIdr><MsgDefIdr>camt.053.001.08</MsgDefIdr><BizSvc>swift.cbprplus.02</BizSvc>
                <CreDt>2025-05-02T06:00:00Z</CreDt>
              </AppHdr>
              {document}
            </BizMsgEnvlp>
            """;

        Imported(await ImportCamtAsync(envelope)).PostedTotal.ShouldBe(Money.FromPounds(15));
    }

    [Fact]
    public async Task A_bank_csv_sent_again_with_a_new_line_added_posts_only_the_new_line()
    {
        // The same rule for CSV statements, which carry no bank reference: each line's fingerprint.
        var account = await ChargedAccountAsync();
        var first = BankCsv(Line($"CTAX {account.Reference}", "20.00"), Line($"CTAX {account.Reference}", "20.00"));
        var extended = BankCsv(Line($"CTAX {account.Reference}", "20.00"), Line($"CTAX {account.Reference}", "20.00"), Line($"CTAX {account.Reference}", "20.00"));
        Imported(await ImportAsync(first));

        var report = Imported(await ImportAsync(extended, "extended.csv"));

        (report.PostedCount, report.Duplicates).ShouldBe((1, 2));
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(60));
    }

    [Fact]
    public async Task An_agent_file_sent_again_under_another_header_posts_nothing()
    {
        var account = await ChargedAccountAsync();
        byte[] AgentFile(string date) => System.Text.Encoding.UTF8.GetBytes($"H,ANYTOWN,{date}\nD,{account.Reference},25.00,20250305,PP000001,OUTLET 17\nT,1,25.00\n");
        Task<ImportPayments.Result> Import(byte[] content) => ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "agent.csv", content, PaymentFileFormat.AgentCsv, PaymentLayouts.HeaderDetailTrailer, Officer), Now);
        Imported(await Import(AgentFile("20250305")));

        var again = Imported(await Import(AgentFile("20250306")));

        (again.PostedCount, again.Duplicates).ShouldBe((0, 1));
        (await PaymentsAsync(account)).ShouldBe(Money.FromPounds(25));
    }
}
