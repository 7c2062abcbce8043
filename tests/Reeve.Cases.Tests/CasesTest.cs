using Dapper;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.LogCase;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.People;
using Reeve.TestKit;

namespace Reeve.Cases.Tests;

/// <summary>
/// A council with Jane Smith (1 High Street, Anytown AB1 2CD), liable on a council tax account charged 1,200.00 and paid
/// 200.00, and an officer "caseworker" of the council. Today is Tuesday 1 December 2026.
/// </summary>
public abstract class CasesTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected static readonly LocalDate Today = new(2026, 12, 1);

    protected long Jane { get; private set; }

    protected Account JaneAccount { get; private set; } = null!;

    protected async Task SetUpAsync()
    {
        Jane = await InTransactionAsync(async (c, tx) => ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx, new RecordParty.Request(Council, PartyKind.Person,
            NameParts.Person(null, "Jane", "Smith"), null, new LocalDate(1980, 1, 1), [],
            new RecordParty.PostalAddressInput(null, "1 High Street", null, null, "Anytown", "AB1 2CD")), "test", Now)).Value);
        JaneAccount = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(JaneAccount.AccountId, Jane, "liable", new LocalDate(2025, 4, 1), null));
            await PostEntries.PostAsync(c, tx, [Entries.Charge(JaneAccount, Money.FromPence(120_000)), Entries.Payment(JaneAccount, Money.FromPence(20_000))], Now);
            await OfficerStore.CreateAsync(c, tx, "caseworker", "Case Worker", Role.Officer, Council, [Council], "a-long-password-1", Now);
            return 0;
        });
    }

    protected static LogCase.Request Request(CaseKind? kind, string key = "form-1", LocalDate? received = null, long? requester = null, string? name = "A. Journalist",
        string? address = "2 Press Row\nBigtown\nBT1 1AA", long? party = null, string? description = "How many council tax summonses did you issue in 2025?",
        IReadOnlyList<string>? accounts = null, string? assignTo = null) =>
        new(Council, kind, received ?? Today, requester, name, address, party, description, accounts ?? [], assignTo, key);

    protected Task<Outcome<CaseFile>> LogAsync(LogCase.Request request, LocalDate? today = null) =>
        InTransactionAsync((c, tx) => LogCase.HandleAsync(c, tx, request, today ?? Today, "test", Now));

    protected async Task<CaseFile> LoggedAsync(LogCase.Request request, LocalDate? today = null) =>
        (await LogAsync(request, today)).ShouldBeOfType<Outcome<CaseFile>.Done>().Value;

    protected Task<CaseWithClock> CaseAsync(long caseId) =>
        ReadAsync(async c => await CaseStore.WithClockAsync(c, Council, (await CaseStore.GetAsync(c, Council, caseId))!));

    protected Task<long> CountAsync(string table) =>
        ReadAsync(c => c.ExecuteScalarAsync<long>($"select count(*) from {table}"));
}
