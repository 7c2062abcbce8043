using System.Text;
using Dapper;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class GenuineAruddImportOnSqlite() : GenuineAruddImportTests(new SqliteEngine());

public sealed class GenuineAruddImportOnPostgres() : GenuineAruddImportTests(new PostgresEngine());

/// <summary>
/// The genuine ARUDD in Corpus/bacs (xml-parsing-ARUDD.xml, SUN 123456, the test council's own) imported exactly as
/// Bacs sent it. Its references (X01234, X02345, X03456) name no mandate or account the council holds, so nothing may
/// be reversed: each returned debit goes to an officer, and the same file again, or re-generated with a new advice number, adds nothing.
/// </summary>
public abstract class GenuineAruddImportTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task The_genuine_ARUDD_for_references_the_council_does_not_hold_reverses_nothing_and_puts_each_item_to_an_officer()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var balance = await BalanceAsync(account);
        var bytes = BacsCorpus.Bytes(BacsCorpus.XmlParsingArudd);

        var report = (await ImportAruddReport.ImportAsync(Db, Council, "ARUDD-20170116.xml", bytes, Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;
        var sameBytes = await ImportAruddReport.ImportAsync(Db, Council, "ARUDD-20170116-copy.xml", bytes, Officer, Now);
        var regenerated = (await ImportAruddReport.ImportAsync(Db, Council, "ARUDD-20170117.xml",
                Encoding.UTF8.GetBytes(BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.XmlParsingArudd), ("adviceNumber=\"000\"", "adviceNumber=\"001\""))), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(0);
        report.Outcomes.Select(o => (o.BacsReference, o.Amount, o.WorkItemId is not null)).ShouldBe(
        [
            ("X01234", Money.FromPence(65_00), true),
            ("X02345", Money.FromPence(60_00), true),
            ("X03456", Money.FromPence(100_00), true),
        ]);
        report.Outcomes.ShouldAllBe(o => o.Outcome.Contains("no account reference in the Bacs reference"));
        sameBytes.ShouldBeOfType<ImportAruddReport.Result.AlreadyImported>().ImportId.ShouldBe(report.ImportId);
        regenerated.ReversedCount.ShouldBe(0);
        regenerated.Outcomes.ShouldAllBe(o => o.Duplicate);
        (await ReadAsync(c => BacsWorkItems.OpenAsync(c, Council))).Count.ShouldBe(3);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where kind = 'reversal'"))).ShouldBe(0);
        (await BalanceAsync(account)).ShouldBe(balance);
    }
}
