using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.AccountStatements;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class StatementsOnSqlite() : StatementTests(new SqliteEngine());

public sealed class StatementsOnPostgres() : StatementTests(new PostgresEngine());

public abstract class StatementTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private Task PostAsync(Account account, EntryKind kind, long pence, LocalDate on, string reason = "Entry made by a test") =>
        InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Of(kind, account, Money.FromPence(pence)) with { EffectiveDate = on, Reason = reason }], Now));

    private Task<Outcome<AccountStatement>> StatementAsync(Account account, LocalDate from, LocalDate to) =>
        ProduceStatement.ProduceAsync(Db, Council, account.Reference.Value, from, to);

    [Fact]
    public async Task A_statement_brings_forward_the_balance_before_the_period_and_carries_forward_the_ledger_balance()
    {
        var account = await OpenAccountAsync();
        await PostAsync(account, EntryKind.Charge, 120_000, new LocalDate(2025, 4, 1));
        await PostAsync(account, EntryKind.Payment, 10_000, new LocalDate(2025, 4, 20));
        await PostAsync(account, EntryKind.Payment, 15_000, new LocalDate(2025, 5, 20));
        await PostAsync(account, EntryKind.Costs, 7_000, new LocalDate(2025, 5, 28));
        await PostAsync(account, EntryKind.Payment, 5_000, new LocalDate(2025, 6, 3));

        var statement = (await StatementAsync(account, new LocalDate(2025, 5, 1), new LocalDate(2025, 5, 31)))
            .ShouldBeOfType<Outcome<AccountStatement>.Done>().Value;

        statement.Opening.ShouldBe(Money.FromPence(110_000));
        statement.Lines.Select(l => (l.Kind, l.Debit.Pence, l.Credit.Pence, l.Balance.Pence))
            .ShouldBe([(EntryKind.Payment, 0L, 15_000L, 95_000L), (EntryKind.Costs, 7_000L, 0L, 102_000L)]);
        statement.Closing.ShouldBe(Money.FromPence(102_000));
        (await StatementAsync(account, new LocalDate(2025, 4, 1), new LocalDate(2099, 1, 1)))
            .ShouldBeOfType<Outcome<AccountStatement>.Done>().Value.Closing.ShouldBe(await BalanceAsync(account));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_entry_between_brought_and_carried_forward_and_defuses_formulas()
    {
        var account = await OpenAccountAsync();
        await PostAsync(account, EntryKind.Charge, 50_000, new LocalDate(2025, 4, 1));
        await PostAsync(account, EntryKind.Payment, 1_050, new LocalDate(2025, 4, 2), reason: "=HYPERLINK(\"x\")");

        var csv = (await StatementAsync(account, new LocalDate(2025, 4, 2), new LocalDate(2025, 4, 30)))
            .ShouldBeOfType<Outcome<AccountStatement>.Done>().Value.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        csv.Length.ShouldBe(4);
        csv[1].ShouldBe("2025-04-02,,,\"Balance brought forward\",,0.00,0.00,500.00");
        csv[2].ShouldEndWith(",payment,\"'=HYPERLINK(\"\"x\"\")\",2025/26,0.00,10.50,489.50");
        csv[3].ShouldBe("2025-04-30,,,\"Balance carried forward\",,0.00,10.50,489.50");
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_or_an_unknown_account_is_refused()
    {
        var account = await OpenAccountAsync();

        (await StatementAsync(account, new LocalDate(2025, 5, 1), new LocalDate(2025, 4, 1))).ShouldBeOfType<Outcome<AccountStatement>.Invalid>().Field.ShouldBe("to");
        (await ProduceStatement.ProduceAsync(Db, Council, Mistyped(account.Reference), new LocalDate(2025, 4, 1), new LocalDate(2025, 5, 1)))
            .ShouldBeOfType<Outcome<AccountStatement>.Invalid>().Field.ShouldBe("account");
    }
}
