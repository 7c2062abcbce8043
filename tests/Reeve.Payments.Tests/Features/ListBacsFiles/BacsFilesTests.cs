using Reeve.Kernel;
using Reeve.Payments.Tests.Features.DirectDebit;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.ListBacsFiles;

public sealed class BacsFilesOnSqlite() : BacsFilesTests(new SqliteEngine());

public sealed class BacsFilesOnPostgres() : BacsFilesTests(new PostgresEngine());

public abstract class BacsFilesTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task Runs_and_lodgements_are_listed_apart_and_each_file_reads_back_exactly_as_written()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await SetUpMandateAsync(account);
        var lodged = (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>().Lodgement;
        var run = Collected(await CollectAsync(MayRun)).Run;

        var runs = await ReadAsync(c => BacsFiles.RecentAsync(c, Council, BacsFileKind.Run));
        var lodgements = await ReadAsync(c => BacsFiles.RecentAsync(c, Council, BacsFileKind.Lodgement));

        runs.ShouldHaveSingleItem().ShouldBe(new BacsFileLine(BacsFileKind.Run, run.RunId, run.Serial, MayRun, 1, Money.FromPence(100_00), Now, Officer));
        lodgements.ShouldHaveSingleItem().ShouldBe(new BacsFileLine(BacsFileKind.Lodgement, lodged.LodgementId, lodged.Serial, LodgedOn, 1, Money.Zero, Now, Officer));
        (await ReadAsync(c => BacsFiles.ContentAsync(c, Council, BacsFileKind.Run, run.RunId))).ShouldBe((run.Serial, run.Content));
        (await ReadAsync(c => BacsFiles.ContentAsync(c, Council, BacsFileKind.Lodgement, lodged.LodgementId))).ShouldBe((lodged.Serial, lodged.Content));
    }

    [Fact]
    public async Task A_file_of_another_council_or_kind_is_not_there()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await LodgedMandateAsync(account);
        var run = Collected(await CollectAsync(MayRun)).Run;

        (await ReadAsync(c => BacsFiles.ContentAsync(c, new CouncilId(2), BacsFileKind.Run, run.RunId))).ShouldBeNull();
        (await ReadAsync(c => BacsFiles.ContentAsync(c, Council, BacsFileKind.Lodgement, run.RunId + 1000))).ShouldBeNull();
        (await ReadAsync(c => BacsFiles.RecentAsync(c, new CouncilId(2), BacsFileKind.Run))).ShouldBeEmpty();
    }
}
