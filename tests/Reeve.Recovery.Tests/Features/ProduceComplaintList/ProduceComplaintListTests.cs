using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>The complaint list a council sends the court: who is summoned, where, for what (CTAE Regs 1992 reg 34).</summary>
public abstract class ProduceComplaintListTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    private const long Uprn = 100_000_000_777;

    // An account at 7 Mill Lane: Ann Former was liable until March 2025, Bea Current from April, when the bill was raised.
    private async Task<Account> AccountAtMillLaneAsync() => await InTransactionAsync(async (c, tx) =>
    {
        await PropertyStore.AddAsync(c, tx, new NewProperty(Council, Uprn, "7 Mill Lane", "Upper Flat", null, "Wealdmoor", "WD1 7AB", PropertyKind.Domestic, 'C'), Now);
        var account = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, Uprn, D("2020-04-01"), "cash", Now);
        foreach (var (forenames, surname, from, to) in new[] { ("Ann", "Former", D("2020-04-01"), (LocalDate?)D("2025-03-31")), ("Bea", "Current", D("2025-04-01"), null) })
        {
            var party = ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, forenames, surname), null, from, [], null), "test", Now)).Value;
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(account.AccountId, party, "liable", from, to));
        }

        return account;
    });

    [Fact]
    public async Task The_list_names_the_person_liable_now_at_the_accounts_property_with_the_sum_and_costs()
    {
        // reg 34(2): the complaint is against the person liable; the list gives the sum outstanding and the summons costs.
        var account = await SummonedAsync(await AccountAtMillLaneAsync());
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();

        var list = (await ReadAsync(c => ProduceComplaintList.HandleAsync(c, Council, session.SessionId))).ShouldNotBeNull();

        var line = list.Lines.ShouldHaveSingleItem();
        (line.Reference, line.Defendant, line.Address, line.Amount, line.SummonsCosts)
            .ShouldBe((account.Reference.Value, "Bea Current", "7 Mill Lane, Wealdmoor WD1 7AB", M("1350.00"), M("70.00")));
        var csv = System.Text.Encoding.UTF8.GetString(ProduceComplaintList.File(list, ComplaintListFormat.Csv).Content);
        csv.ShouldContain($"{account.Reference},2025/26,Bea Current,\"7 Mill Lane, Wealdmoor WD1 7AB\",2025-06-05,");
        ProduceComplaintList.File(list, ComplaintListFormat.Pdf).Content.Take(5).ShouldBe("%PDF-"u8.ToArray());
    }

    [Fact]
    public async Task There_is_no_list_for_a_session_that_does_not_exist()
    {
        (await ReadAsync(c => ProduceComplaintList.HandleAsync(c, Council, 404))).ShouldBeNull();
    }
}

public sealed class ProduceComplaintListOnSqlite() : ProduceComplaintListTests(new SqliteEngine());

public sealed class ProduceComplaintListOnPostgres() : ProduceComplaintListTests(new PostgresEngine());
