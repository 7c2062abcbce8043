using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments.Tests.Domain.Statements;

public class Camt053StatementTests
{
    internal static string Camt(string entries, string count = "2", string sum = "150.00", string closing = "1090.00") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-2025-03-05-001</MsgId><CreDtTm>2025-03-05T06:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-001</Id>
              <Acct><Id><Othr><Id>40123412345678</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="GBP">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-03-04</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="GBP">{closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-03-05</Dt></Dt></Bal>
              <TxsSummry><TtlNtries><NbOfNtries>{count}</NbOfNtries><Sum>{sum}</Sum></TtlNtries></TxsSummry>
              {entries}
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    internal const string TwoEntries = """
        <Ntry>
          <Amt Ccy="GBP">120.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
          <BookgDt><Dt>2025-03-05</Dt></BookgDt><ValDt><Dt>2025-03-05</Dt></ValDt>
          <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
          <NtryDtls>
            <TxDtls><Refs><EndToEndId>FP1</EndToEndId></Refs><Amt Ccy="GBP">100.00</Amt><RltdPties><Dbtr><Nm>J SMITH</Nm></Dbtr></RltdPties><RmtInf><Ustrd>CTAX 500000012</Ustrd></RmtInf></TxDtls>
            <TxDtls><Refs><EndToEndId>FP2</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="GBP">20.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>A JONES 600000019</Ustrd></RmtInf></TxDtls>
          </NtryDtls>
        </Ntry>
        <Ntry>
          <Amt Ccy="GBP">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>false</RvslInd><Sts>BOOK</Sts>
          <BookgDt><DtTm>2025-03-05T10:00:00</DtTm></BookgDt>
          <AcctSvcrRef>BANKREF-2</AcctSvcrRef>
          <AddtlNtryInf>BANK CHARGES</AddtlNtryInf>
        </Ntry>
        """;

    internal static Camt053File Read(string xml) => Camt053File.Parse(xml).ShouldBeOfType<Outcome<Camt053File>.Done>().Value;

    [Fact]
    public void A_camt053_statement_is_read_with_batched_transactions_and_signed_amounts()
    {
        // formats.md 5.1: CRDT is money in, DBIT money out; a batched entry has many TxDtls; any schema version.
        var file = Read(Camt(TwoEntries));
        file.MessageId.ShouldBe("MSG-2025-03-05-001");
        file.Version.ShouldBe("08");
        var statement = file.Statements.ShouldHaveSingleItem();
        statement.Refusal.ShouldBeNull();
        statement.Account.Display.ShouldBe("40123412345678");
        statement.Account.UkNumber.ShouldBe(("401234", "12345678"));
        statement.OpeningBalance.ShouldBe(Money.FromPounds(1000));
        statement.Entries.Count.ShouldBe(2);
        statement.Entries[0].Amount.ShouldBe(Money.FromPounds(120));
        statement.Entries[0].Key.ShouldBe("BANKREF-1");
        statement.Entries[0].Transactions.Select(t => t.Amount).ShouldBe([Money.FromPounds(100), Money.FromPounds(20)]);
        statement.Entries[0].Transactions[0].DebtorName.ShouldBe("J SMITH");
        statement.Entries[0].Transactions[1].RemittanceText.ShouldBe("A JONES 600000019");
        statement.Entries[0].Disagreement.ShouldBeNull();
        statement.Entries[1].Amount.ShouldBe(Money.FromPounds(-30));
        statement.Entries[1].BookingDate.ShouldBe(new LocalDate(2025, 3, 5));
        statement.Entries[1].Narrative.ShouldBe("BANK CHARGES");
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { Camt(TwoEntries.Replace("<Amt Ccy=\"GBP\">30.00", "<Amt Ccy=\"EUR\">30.00")), "Document/BkToCstmrStmt/Stmt/Ntry[2]/Amt/@Ccy" },
        { Camt(TwoEntries.Replace("DBIT", "DEBIT")), "Document/BkToCstmrStmt/Stmt/Ntry[2]/CdtDbtInd" },
        { Camt(TwoEntries.Replace("120.00", "1.2e2")), "Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt" },
        { Camt(TwoEntries.Replace("120.00", "120.005")), "Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt" },
        { Camt(TwoEntries.Replace("<Cd>BOOK</Cd>", "<Cd>BOOKED</Cd>")), "Document/BkToCstmrStmt/Stmt/Ntry[1]/Sts" },
        { Camt(TwoEntries).Replace("camt.053.001.08", "camt.053.001.12"), "Document/@xmlns" },
        { Camt(TwoEntries)[..600], "line 9" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_file_is_refused_whole_naming_the_element(string xml, string field)
    {
        Camt053File.Parse(xml).ShouldBeOfType<Outcome<Camt053File>.Invalid>().Field.ShouldBe(field);
    }

    public static TheoryData<string, string> BadStatements => new()
    {
        { Camt(TwoEntries, count: "3"), "Document/BkToCstmrStmt/Stmt/TxsSummry/TtlNtries/NbOfNtries" },
        { Camt(TwoEntries, sum: "150.01"), "Document/BkToCstmrStmt/Stmt/TxsSummry/TtlNtries/Sum" },
        { Camt(TwoEntries, closing: "1090.01"), "Document/BkToCstmrStmt/Stmt/Bal" },
        { Camt(TwoEntries).Replace("<Ccy>GBP</Ccy>", "<Ccy>EUR</Ccy>"), "Document/BkToCstmrStmt/Stmt/Acct/Ccy" },
    };

    [Theory]
    [MemberData(nameof(BadStatements))]
    public void A_statement_whose_totals_or_currency_are_wrong_is_refused_alone_naming_the_element(string xml, string field)
    {
        Read(xml).Statements.ShouldHaveSingleItem().Refusal.ShouldNotBeNull().Field.ShouldBe(field);
    }

    [Fact]
    public void A_control_total_written_to_four_places_is_read()
    {
        // Defect 8: banks write totals as 150.0000; only places past the penny that are not zero are refused.
        Read(Camt(TwoEntries, sum: "150.0000")).Statements[0].Refusal.ShouldBeNull();
    }

    [Fact]
    public void An_entry_without_a_bank_reference_is_keyed_by_its_entry_reference_then_its_transactions_then_a_fingerprint()
    {
        // Defect 4: AcctSvcrRef is optional in ISO 20022; the entry is keyed by the next reference it has.
        var withNtryRef = TwoEntries.Replace("<AcctSvcrRef>BANKREF-1</AcctSvcrRef>", "<NtryRef>NREF-1</NtryRef>");
        var withTxRefs = TwoEntries.Replace("<AcctSvcrRef>BANKREF-1</AcctSvcrRef>", "")
            .Replace("<EndToEndId>FP1</EndToEndId>", "<AcctSvcrRef>TX-1</AcctSvcrRef><EndToEndId>FP1</EndToEndId>")
            .Replace("<EndToEndId>FP2</EndToEndId>", "<AcctSvcrRef>TX-2</AcctSvcrRef><EndToEndId>FP2</EndToEndId>");
        var withEndToEnd = TwoEntries.Replace("<AcctSvcrRef>BANKREF-1</AcctSvcrRef>", "");
        var withNothing = TwoEntries.Replace("<AcctSvcrRef>BANKREF-2</AcctSvcrRef>", "");

        Read(Camt(withNtryRef)).Statements[0].Entries[0].Key.ShouldBe("ntry:NREF-1");
        Read(Camt(withTxRefs)).Statements[0].Entries[0].Key.ShouldBe("tx:TX-1+TX-2");
        Read(Camt(withEndToEnd)).Statements[0].Entries[0].Key.ShouldBe("e2e:FP1+FP2");
        var printed = Read(Camt(withNothing)).Statements[0].Entries[1];
        printed.KeySource.ShouldBe(EntryKeySource.Fingerprint);
        printed.Key.ShouldBe(Fingerprint.Of("40123412345678", new LocalDate(2025, 3, 5), Money.FromPounds(-30), "BANK CHARGES") + "#1");
    }

    [Fact]
    public void Batched_transactions_that_do_not_add_up_to_the_booked_amount_are_named_not_split()
    {
        // Defect 5: the booked amount is what the account was paid; transactions that disagree cannot split it.
        var entry = Read(Camt(TwoEntries.Replace(">20.00<", ">25.00<"))).Statements[0].Entries[0];

        entry.Amount.ShouldBe(Money.FromPounds(120));
        entry.Disagreement.ShouldBe("Document/BkToCstmrStmt/Stmt/Ntry[1]/NtryDtls: the transactions add up to £125.00 but the bank booked £120.00");
    }

    [Fact]
    public void A_pending_entry_is_read_as_pending_and_left_out_of_the_balance_check()
    {
        // Defect 9: only booked entries are money on the account.
        var pending = """
            <Ntry><Amt Ccy="GBP">64.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts><ValDt><Dt>2025-03-06</Dt></ValDt><AcctSvcrRef>BANKREF-3</AcctSvcrRef></Ntry>
            """;
        var statement = Read(Camt(TwoEntries + pending, count: "3", sum: "214.00")).Statements[0];

        statement.Refusal.ShouldBeNull();
        statement.Pending.ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPounds(64));
        statement.Booked.Count().ShouldBe(2);
    }
}

public class BankCsvStatementTests
{
    private static readonly BankCsvLayout PaidInPaidOut = new(DateColumn: 0, DatePattern: "dd/MM/uuuu", DescriptionColumn: 2, PaidInColumn: 3, PaidOutColumn: 4, BalanceColumn: 5);

    private const string Export = """
        Date,Type,Description,Paid in,Paid out,Balance
        05/03/2025,FPI,"SMITH J, CTAX 500000012",100.00,,1100.00
        05/03/2025,BGC,A JONES 600000019,"1,020.50",,2120.50
        05/03/2025,CHG,BANK CHARGES,,30.00,2090.50
        """;

    [Fact]
    public void A_bank_csv_is_read_through_its_column_layout()
    {
        // formats.md 5.2: columns differ per bank, so the layout is configuration.
        var lines = BankCsvStatement.Parse(Export, PaidInPaidOut).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Done>().Value;
        lines.Select(l => l.Amount).ShouldBe([Money.FromPence(10000), Money.FromPence(102050), Money.FromPence(-3000)]);
        lines[0].Description.ShouldBe("SMITH J, CTAX 500000012");
        lines[0].LineNumber.ShouldBe(2);
        lines[2].Date.ShouldBe(new LocalDate(2025, 3, 5));
    }

    [Fact]
    public void A_signed_amount_layout_without_a_header_is_read()
    {
        var layout = new BankCsvLayout(DateColumn: 0, DatePattern: "uuuu-MM-dd", DescriptionColumn: 1, AmountColumn: 2, HasHeaderRow: false);
        var lines = ((Outcome<IReadOnlyList<BankCsvLine>>.Done)BankCsvStatement.Parse("2025-03-05,CTAX 500000012,12.50\n2025-03-05,FEE,-1.00\n", layout)).Value;
        lines.Select(l => l.Amount.Pence).ShouldBe([1250, -100]);
    }

    [Theory]
    [InlineData("05/03/2025,FPI,X,100.001,,1100.00", "line 2: paid in")]
    [InlineData("31/02/2025,FPI,X,100.00,,1100.00", "line 2: date")]
    [InlineData("05/03/2025,FPI,X,100.00,5.00,1100.00", "line 2: paid in")]
    [InlineData("05/03/2025,FPI,X,,,1100.00", "line 2: paid in")]
    [InlineData("05/03/2025,FPI,X,100.00", "line 2: paid out")]
    [InlineData("05/03/2025,FPI,\"X,100.00,,1100.00", "line 2: field 3")]
    public void A_bad_line_is_refused_naming_the_line_and_field(string line, string field)
    {
        BankCsvStatement.Parse("Date,Type,Description,Paid in,Paid out,Balance\n" + line, PaidInPaidOut)
            .ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Invalid>().Field.ShouldBe(field);
    }

    [Fact]
    public void A_balance_that_does_not_follow_from_the_amounts_is_refused()
    {
        var altered = Export.Replace("2120.50", "2120.49");
        BankCsvStatement.Parse(altered, PaidInPaidOut).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Invalid>().Field.ShouldBe("line 3: balance");
    }
}

public class AgentPaymentFileTests
{
    internal static readonly AgentFileLayout Layout = new(
        RecordTypeColumn: 0, DetailTag: "D", HeaderTag: "H", TrailerTag: "T",
        ReferenceColumn: 1, AmountColumn: 2, DateColumn: 3, DatePattern: "uuuuMMdd", TransactionIdColumn: 4, OutletColumn: 5,
        TrailerCountColumn: 1, TrailerTotalColumn: 2);

    internal const string File = """
        H,ANYTOWN,20250305
        D,500000012,25.00,20250305,PP000001,OUTLET 17
        D,600000019,10.50,20250305,PP000002,
        T,2,35.50
        """;

    [Fact]
    public void An_agent_file_is_read_and_its_trailer_checked()
    {
        // formats.md 5.4: layouts are contractual, so positions are configuration; the trailer's count and total must match.
        var file = AgentPaymentFile.Parse(File, Layout).ShouldBeOfType<Outcome<AgentPaymentFile>.Done>().Value;
        file.Payments.Count.ShouldBe(2);
        file.Total.ShouldBe(Money.FromPence(3550));
        file.Payments[0].Outlet.ShouldBe("OUTLET 17");
        file.Payments[1].PaidOn.ShouldBe(new LocalDate(2025, 3, 5));
    }

    [Theory]
    [InlineData("T,2,35.50", "T,3,35.50", "line 4: trailer count")]
    [InlineData("T,2,35.50", "T,2,35.49", "line 4: trailer total")]
    [InlineData("T,2,35.50", "", "line 4: trailer")]
    [InlineData("25.00", "-25.00", "line 2: amount")]
    [InlineData("25.00", "25.0.0", "line 2: amount")]
    [InlineData("20250305,PP000001", "2025035,PP000001", "line 2: date")]
    [InlineData("D,600000019", "X,600000019", "line 3: record type")]
    [InlineData("T,2,35.50", "T,2,35.50\nD,1,1.00,20250305,PP3,", "line 5: record type")]
    public void A_bad_or_truncated_agent_file_is_refused_naming_the_line_and_field(string find, string replace, string field)
    {
        AgentPaymentFile.Parse(File.Replace(find, replace), Layout)
            .ShouldBeOfType<Outcome<AgentPaymentFile>.Invalid>().Field.ShouldBe(field);
    }
}
