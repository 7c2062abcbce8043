using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Statements;
using Reeve.Payments.Tests.Domain.Statements;

namespace Reeve.Payments.Tests.Domain.Receipts;

public class ReceiptReaderTests
{
    [Fact]
    public void A_batched_camt053_credit_gives_one_receipt_per_transaction_and_debits_none()
    {
        // formats.md 5.1: a batched Bacs credit carries many TxDtls, each with its own payer and reference.
        var statement = Camt053StatementTests.Read(Camt053StatementTests.Camt(Camt053StatementTests.TwoEntries)).Statements[0];

        var file = ReceiptReader.From(statement);

        file.Receipts.Select(r => r.Line).ShouldBe(["1.1", "1.2"]);
        file.Receipts.Select(r => r.Amount).ShouldBe([Money.FromPounds(100), Money.FromPounds(20)]);
        file.Receipts[0].BankReference.ShouldBe("BANKREF-1/FP1");
        file.Receipts[0].PayerName.ShouldBe("J SMITH");
        file.Receipts[0].ReferenceText.ShouldBe("CTAX 500000012");
        file.Receipts[0].PaidOn.ShouldBe(new LocalDate(2025, 3, 5));
        file.Receipts.Select(r => r.EntryKey).ShouldBe(["BANKREF-1/1", "BANKREF-1/2"]);
        file.NotCredits.ShouldBe(1);
    }

    [Fact]
    public void A_bank_csv_gives_its_money_in_lines_numbered_as_in_the_file()
    {
        var lines = new[]
        {
            new BankCsvLine(2, new LocalDate(2025, 3, 5), "CTAX 500000012", Money.FromPence(1250), null),
            new BankCsvLine(3, new LocalDate(2025, 3, 5), "FEE", Money.FromPence(-100), null),
        };

        var file = ReceiptReader.From(lines);

        file.Receipts.ShouldHaveSingleItem().Line.ShouldBe("2");
        file.NotCredits.ShouldBe(1);
    }

    [Fact]
    public void Alike_bank_csv_lines_get_keys_told_apart_by_their_order_and_the_same_keys_in_another_file()
    {
        // A CSV line has no bank reference: its key is a fingerprint of date, amount and description, numbered.
        var line = new BankCsvLine(2, new LocalDate(2025, 3, 5), "CTAX 500000012", Money.FromPence(1250), null);
        var keys = ReceiptReader.From([line, line with { LineNumber = 3 }]).Receipts.Select(r => r.EntryKey).ToList();
        var again = ReceiptReader.From([line with { LineNumber = 7 }]).Receipts.Single().EntryKey;

        keys.Distinct().Count().ShouldBe(2);
        again.ShouldBe(keys[0]);
    }

    [Fact]
    public void A_single_transaction_credit_is_the_amount_the_bank_booked_not_the_transaction_amount()
    {
        // Defect 5: £100 booked with a transaction that says £64 (or an amount in euros) is a receipt of £100.
        var entry = """
            <Ntry><Amt Ccy="GBP">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-03-05</Dt></BookgDt><AcctSvcrRef>R1</AcctSvcrRef>
            <NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt Ccy="EUR">117.00</Amt></InstdAmt><TxAmt><Amt Ccy="GBP">64.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>CTAX 500000012</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            """;
        var statement = Camt053StatementTests.Read(Camt053StatementTests.Camt(entry, count: "1", sum: "100.00", closing: "1100.00")).Statements[0];

        ReceiptReader.From(statement).Receipts.ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPounds(100));
    }
}
