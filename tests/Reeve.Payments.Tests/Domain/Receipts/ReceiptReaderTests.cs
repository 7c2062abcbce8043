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
        var statement = ((Outcome<Camt053Statement>.Done)Camt053Statement.Parse(Camt053StatementTests.Camt(Camt053StatementTests.TwoEntries))).Value;

        var file = ReceiptReader.From(statement);

        file.Receipts.Select(r => r.Line).ShouldBe(["1.1", "1.2"]);
        file.Receipts.Select(r => r.Amount).ShouldBe([Money.FromPounds(100), Money.FromPounds(20)]);
        file.Receipts[0].BankReference.ShouldBe("BANKREF-1/FP1");
        file.Receipts[0].PayerName.ShouldBe("J SMITH");
        file.Receipts[0].ReferenceText.ShouldBe("CTAX 500000012");
        file.Receipts[0].PaidOn.ShouldBe(new LocalDate(2025, 3, 5));
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
}
