using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Recovery;
using Reeve.Recovery.Domain;
using Reeve.Recovery.Tests.Features;
using Reeve.TestKit;

namespace Reeve.Enforcement.Tests;

/// <summary>
/// Liability orders as Recovery makes them: Recovery's model council tax account (2025/26, £1,500.00 in ten instalments, April
/// paid), one per order, each with the same liable person, taken by the runs of 8 May, 22 May and 5 June to a summons and given
/// a liability order at the 30 June session (£1,350.00 plus £70.00 summons and £40.00 order costs: £1,460.00). The handlers of
/// this module are then called as a page or command calls them.
/// </summary>
public abstract class EnforcementScenario(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    protected const string Officer = "olly.officer";

    protected static readonly LocalDate OrderDay = new(2025, 6, 30);

    /// <summary><paramref name="count"/> liability orders against one person, Jane Smith, each on its own account.</summary>
    protected async Task<(long Person, IReadOnlyList<LiabilityOrder> Orders)> OrdersAgainstOnePersonAsync(int count = 1)
    {
        var person = await PersonAsync("Jane", "Smith");
        var accounts = new List<Account>();
        for (var i = 0; i < count; i++)
        {
            var account = await Accounts.OpenAsync(Db, Council, Now);
            await InTransactionAsync(async (c, tx) =>
            {
                await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(account.AccountId, person, "liable", D("2025-04-01"), null));
                return 0;
            });
            await ModelAccountAsync(account);
            await PayAsync(account, "2025-04-01", "150.00");
            accounts.Add(account);
        }

        await RunOnAsync("2025-05-08");
        await RunOnAsync("2025-05-22");
        await RunOnAsync("2025-06-05");
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();
        (await RecordOutcomesAsync(session.SessionId, [.. accounts.Select(a => new OutcomeEntry(a.Reference.ToString(), HearingOutcome.LiabilityOrder))]))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>();
        var orders = await ReadAsync(c => LiabilityOrders.ForAccountsAsync(c, Council, [.. accounts.Select(a => a.AccountId)]));
        orders.Count.ShouldBe(count);
        Today("2025-07-01");
        return (person, orders);
    }

    protected Task<long> PersonAsync(string forenames, string surname) => InTransactionAsync(async (c, tx) =>
        (await RecordParty.RecordAsync(c, tx, new RecordParty.Request(Council, PartyKind.Person, NameParts.Person(null, forenames, surname), null,
            new LocalDate(1980, 1, 1), [], new RecordParty.PostalAddressInput(null, "2 Low Road", null, null, "Anytown", "AB1 9ZZ")), "test", Now))
        .ShouldBeOfType<Outcome<long>.Done>().Value);

    /// <summary>As a command does: one transaction, committed when the handler is done or has logged a moratorium refusal.</summary>
    protected async Task<Outcome<T>> HandleAsync<T>(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<Outcome<T>>> handle)
    {
        await using var connection = await Db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var outcome = await handle(connection, tx);
        if (outcome is Outcome<T>.Done || (outcome is Outcome<T>.Conflict conflict && Moratoriums.IsRefusal(conflict.Message)))
        {
            await tx.CommitAsync();
        }

        return outcome;
    }

    protected Task<Outcome<RequestInformation.Issued>> RequestAsync(LiabilityOrder order, string on = "2025-07-01") =>
        HandleAsync((c, tx) => RequestInformation.HandleAsync(c, tx, Council, order.OrderId, D(on), Officer, Now));

    protected async Task<InformationRequest> RequestedAsync(LiabilityOrder order, string on = "2025-07-01") =>
        (await RequestAsync(order, on)).ShouldBeOfType<Outcome<RequestInformation.Issued>.Done>().Value.Requests.ShouldHaveSingleItem();

    protected static RecordInformationReply.Reply Employed(long requestId, string net = "300.00", PayPeriod period = PayPeriod.Weekly,
        string employer = "Acme Widgets Limited", string postcode = "AB1 2CD", string received = "2025-07-08") =>
        new(requestId, D(received), Employment.Employed, new EmployerDetails(employer, "1 Mill Lane, Anytown", postcode, "payroll@acme.example"), "W1234",
            period, M(net), [], "");

    protected Task<Outcome<RecordInformationReply.Recorded>> ReplyAsync(RecordInformationReply.Reply reply) =>
        HandleAsync((c, tx) => RecordInformationReply.HandleAsync(c, tx, Council, reply, Officer, Now));

    protected Task<Outcome<MakeAttachmentOrder.Made>> MakeOrderAsync(LiabilityOrder order, long person, string on = "2025-07-20") =>
        HandleAsync((c, tx) => MakeAttachmentOrder.HandleAsync(c, tx, Council, new MakeAttachmentOrder.Request(order.OrderId, person, D(on)), Officer, Now));

    /// <summary>The person asked under the order and their reply recorded: employed at Acme Widgets, £300.00 a week.</summary>
    protected async Task RepliedAsync(LiabilityOrder order, string net = "300.00")
    {
        var request = await RequestedAsync(order);
        (await ReplyAsync(Employed(request.RequestId, net))).ShouldBeOfType<Outcome<RecordInformationReply.Recorded>.Done>();
    }
}
