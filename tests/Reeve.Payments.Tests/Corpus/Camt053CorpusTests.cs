using Reeve.Kernel;
using Reeve.Payments.Domain.Statements;
using Reeve.Payments.Tests.Domain.Statements;

namespace Reeve.Payments.Tests.Corpus;

/// <summary>
/// The camt.053 reader against genuine public files (Corpus/camt053/README.md names each file's source and licence).
/// They are euro statements from a parser project's fixtures: each must be read, statement by statement, with its
/// account, entries and references, and each statement refused alone because it is not sterling, never the file.
/// </summary>
public class Camt053CorpusTests
{
    private static string Corpus(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "camt053", name));

    [Theory]
    [InlineData("genkgo-camt053.v2.minimal.xml", "02", "CAMT053RIB000000000001", "253EURNL26VAYB8060476890", "NL26VAYB8060476890", 885)]
    [InlineData("genkgo-camt053.v2.five.decimals.xml", "02", "CAMT053RIB000000000001", "253EURNL26VAYB8060476890", "NL26VAYB8060476890", 885)]
    [InlineData("genkgo-camt053.v3.xml", "03", "CAMT053RIB000000000001", "253EURNL26VAYB8060476890", "NL26VAYB8060476890", 885)]
    [InlineData("genkgo-camt053.v4.xml", "04", "CAMT053RIB000000000001", "253EURNL26VAYB8060476890", "NL26VAYB8060476890", 885)]
    [InlineData("genkgo-camt053.v8.xml", "08", "CAMT053RIB000000000001", "253EURNL26VAYB8060476890", "NL26VAYB8060476890", 885)]
    public void A_genuine_euro_statement_is_read_whole_and_refused_alone_as_not_sterling(
        string file, string version, string messageId, string statementId, string account, long cents)
    {
        // Defects 8 and 10's neighbours: every version from .001.02 to .001.08 is read; amounts written to three
        // places (8.850) are read; a euro account is refused per statement (issue 21), naming Acct/Ccy.
        var read = Camt053StatementTests.Read(Corpus(file));

        (read.Version, read.MessageId).ShouldBe((version, messageId));
        var statement = read.Statements.ShouldHaveSingleItem();
        (statement.StatementId, statement.Account.Display, statement.Currency).ShouldBe((statementId, account, "EUR"));
        statement.Refusal.ShouldNotBeNull().Field.ShouldBe("Document/BkToCstmrStmt/Stmt/Acct/Ccy");
        var entry = statement.Entries.ShouldHaveSingleItem();
        (entry.Amount.Pence, entry.Status).ShouldBe((cents, EntryStatus.Booked));
    }

    [Fact]
    public void A_genuine_file_with_two_statements_is_read_as_two()
    {
        // Defect 3: more than one Stmt in a file.
        var read = Camt053StatementTests.Read(Corpus("genkgo-camt053.v2.multi.statement.xml"));

        read.Statements.Select(s => (s.StatementId, s.Entries.Single().Amount.Pence, s.Entries.Single().Number))
            .ShouldBe([("253EURNL26VAYB8060476890", 885L, 1), ("254EURNL26VAYB8060476890", -700L, 2)]);
        read.Statements.ShouldAllBe(s => s.Refusal != null);
    }

    [Fact]
    public void A_genuine_v4_entry_is_keyed_by_the_banks_reference()
    {
        // Defect 1 and 4: the entry's own reference (AcctSvcrRef here) is its key in any file it comes in.
        var entry = Camt053StatementTests.Read(Corpus("genkgo-camt053.v4.xml")).Statements[0].Entries[0];

        (entry.Key, entry.KeySource).ShouldBe(("AAAASESS-FP-CN_98765/01", EntryKeySource.AccountServicerReference));
    }

    [Fact]
    public void A_genuine_v2_entry_without_a_bank_reference_is_keyed_by_its_fingerprint()
    {
        var entry = Camt053StatementTests.Read(Corpus("genkgo-camt053.v2.minimal.xml")).Statements[0].Entries[0];

        entry.KeySource.ShouldBe(EntryKeySource.Fingerprint);
        entry.Key.ShouldStartWith("fp:");
    }

    [Fact]
    public void A_genuine_uk_statement_header_is_read_with_its_sort_code_and_account_number_and_refused_for_its_currency()
    {
        // A GB IBAN (the standard example) with a balance in lei and no entries: the account is found from the
        // IBAN, and the statement is refused for its currency, not the file for its shape.
        var statement = Camt053StatementTests.Read(Corpus("genkgo-camt53.only-Dt-with-DtTm.xml")).Statements.ShouldHaveSingleItem();

        statement.Account.UkNumber.ShouldBe(("202015", "55555555"));
        statement.Currency.ShouldBe("RON");
        statement.Entries.ShouldBeEmpty();
        statement.Refusal.ShouldNotBeNull().Message.ShouldContain("not sterling");
    }

    [Fact]
    public void A_genuine_file_with_no_statement_is_refused_naming_where_the_statement_should_be()
    {
        Camt053File.Parse(Corpus("genkgo-camt053.v2.wrong.xml")).ShouldBeOfType<Outcome<Camt053File>.Invalid>()
            .Field.ShouldBe("Document/BkToCstmrStmt/Stmt");
    }

    [Fact]
    public void Every_file_in_the_corpus_has_its_source_and_licence_in_the_readme()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus", "camt053");
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));

        foreach (var file in Directory.GetFiles(folder, "*.xml"))
        {
            readme.ShouldContain(Path.GetFileName(file));
        }
    }
}
