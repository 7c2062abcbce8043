using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;
using Reeve.Overpayments.Features.ImportDecisions;
using Reeve.Overpayments.Features.RecordClaims;
using Reeve.People;
using Reeve.TestKit;

namespace Reeve.Overpayments.Tests;

/// <summary>
/// A council with Housing Benefit claim HB1 (claimant Jane Smith, partner John Smith, landlord Acme Lettings; paying 120.00 a week
/// with a 10.00 disregard and a 5.00 top-up) and claim HB2 (claimant Ann Jones, ended), and decision files in the layout of
/// docs/domain/hb-overpayments.md.
/// </summary>
public abstract class OverpaymentsTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    public const string Header = "decision_reference,claim_reference,period_from,period_to,amount,cause,recoverable,recover_from,decided_on,revises";

    protected static readonly LocalDate Today = new(2025, 5, 2);

    protected long Jane { get; private set; }

    protected long John { get; private set; }

    protected long Landlord { get; private set; }

    protected long Ann { get; private set; }

    protected async Task SetUpClaimsAsync(long weeklyAwardPence = 12_000)
    {
        Jane = await PersonAsync(NameParts.Person(null, "Jane", "Smith"), PartyKind.Person);
        John = await PersonAsync(NameParts.Person(null, "John", "Smith"), PartyKind.Person);
        Landlord = await PersonAsync(NameParts.Organisation("Acme Lettings Ltd"), PartyKind.Organisation);
        Ann = await PersonAsync(NameParts.Person(null, "Ann", "Jones"), PartyKind.Person);
        await InTransactionAsync(async (c, tx) => (await RecordClaims.HandleAsync(c, tx, Council,
        [
            new RecordClaims.Claim("HB1", Money.FromPence(weeklyAwardPence), Money.FromPence(1_000), Money.FromPence(500),
                new Dictionary<RecoverFrom, long> { [RecoverFrom.Claimant] = Jane, [RecoverFrom.Partner] = John, [RecoverFrom.Landlord] = Landlord }),
            new RecordClaims.Claim("HB2", Money.Zero, Money.Zero, Money.Zero, new Dictionary<RecoverFrom, long> { [RecoverFrom.Claimant] = Ann }),
        ], Now)).ShouldBeOfType<Outcome<int>.Done>());
    }

    private Task<long> PersonAsync(NameParts name, PartyKind kind) =>
        InTransactionAsync(async (c, tx) => ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx, new RecordParty.Request(Council, kind, name, null,
            new LocalDate(2020, 1, 1), [], new RecordParty.PostalAddressInput(null, "1 High Street", null, null, "Anytown", "AB1 2CD")), "test", Now)).Value);

    protected static string Decision(string reference, string amount = "500.00", string claim = "HB1", string cause = "claimant-error", string recoverable = "yes",
        string from = "claimant", string decided = "2025-05-01", string revises = "", string periodFrom = "2025-01-06", string periodTo = "2025-03-30") =>
        $"{reference},{claim},{periodFrom},{periodTo},{amount},{cause},{recoverable},{from},{decided},{revises}";

    protected static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", lines) + "\n");

    protected Task<ImportDecisions.Result> ImportAsync(byte[] file, string name = "decisions.csv") =>
        InTransactionAsync((c, tx) => ImportDecisions.HandleAsync(c, tx, new ImportDecisions.Request(Council, name, file, Today, "nightly-import"), Now));

    protected async Task<ImportDecisions.Report> ImportedAsync(byte[] file, string name = "decisions.csv") =>
        (await ImportAsync(file, name)).ShouldBeOfType<ImportDecisions.Result.Imported>().Report;

    protected async Task<ImportDecisions.Problem> RefusedAsync(byte[] file)
    {
        var before = await CountAsync("ledger_entry");
        var problems = (await ImportAsync(file)).ShouldBeOfType<ImportDecisions.Result.Refused>().Problems;
        (await CountAsync("ledger_entry")).ShouldBe(before, "a refused file posts nothing");
        (await CountAsync("hb_decision_import")).ShouldBe(0);
        return problems.ShouldHaveSingleItem();
    }

    protected Task<long> CountAsync(string table) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>($"select count(*) from {table}"));

    protected Task<long> AccountOfAsync(string decision) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>("select account_id from hb_overpayment where council_id = 1 and decision_reference = @decision", new { decision }));
}
