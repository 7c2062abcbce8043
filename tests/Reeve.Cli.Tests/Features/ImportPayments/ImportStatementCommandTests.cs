using Reeve.Kernel;

namespace Reeve.Cli.Tests.Features.ImportPayments;

/// <summary>`reeve payments bank-accounts add` and a camt.053 statement imported, sent again, and for an unknown account (issue 21).</summary>
public sealed class ImportStatementCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public Task InitializeAsync() => _f.SetUpAsync();

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    private string Statement(string name, string messageId, string account = "40123412345678") => _f.Write(name, $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>{messageId}</MsgId><CreDtTm>2025-05-02T06:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>STMT-1</Id><Acct><Id><Othr><Id>{account}</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
              <Ntry><Amt Ccy="GBP">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-05-01</Dt></BookgDt>
                <AcctSvcrRef>BR-1</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>CTAX {_f.Account.Reference}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
              <Ntry><Amt Ccy="GBP">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2025-05-01</Dt></BookgDt>
                <AcctSvcrRef>BR-2</AcctSvcrRef><AddtlNtryInf>RETURNED CREDIT</AddtlNtryInf></Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """);

    [Fact]
    public async Task A_statement_for_a_recorded_account_posts_once_and_a_resent_copy_posts_nothing()
    {
        var add = await CliRun.RunAsync("payments", "bank-accounts", "add", "--db", _f.Db, "--name", "Collection", "--sort-code", "40-12-34", "--account-number", "12345678");
        var first = await CliRun.RunAsync("payments", "import", Statement("a.xml", "MSG-1"), "--format", "camt053", "--db", _f.Db);
        var again = await CliRun.RunAsync("payments", "import", Statement("b.xml", "MSG-1-RESENT"), "--format", "camt053", "--db", _f.Db);
        var suspense = await CliRun.RunAsync("payments", "suspense", "list", "--db", _f.Db);

        add.ExitCode.ShouldBe(0, add.Stderr);
        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("Statement STMT-1 for Collection (40123412345678): 2 entries taken.");
        first.Stdout.ShouldMatch(@"Posted to accounts\s+│\s+1\s+│\s+£100\.00");
        first.Stdout.ShouldContain("Bank entry BR-2 took back £12.00: FOR AN OFFICER.");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldMatch(@"Posted to accounts\s+│\s+0\s+│\s+£0\.00");
        again.Stdout.ShouldMatch(@"Duplicates \(posted before, not again\)\s+│\s+1\s+│\s+£100\.00");
        suspense.Stdout.ShouldContain("Bank debits taking back a credit, for an officer (1):");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(110_000));
    }

    [Fact]
    public async Task A_statement_for_an_account_the_council_has_not_recorded_exits_2_naming_the_account()
    {
        var run = await CliRun.RunAsync("payments", "import", Statement("c.xml", "MSG-2", "99999911111111"), "--format", "camt053", "--db", _f.Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("Document/BkToCstmrStmt/Stmt/Acct/Id: The account 99999911111111 is not one of the council's recorded bank accounts");
        (await _f.CountAsync("ledger_entry")).ShouldBe(1);
    }
}
