#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>Opening accounts, naming who is liable, and reading them back.</summary>
public static class AccountStore
{
    public static async Task<Account> OpenAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountKind kind, long? uprn, LocalDate openedOn,
        string paymentMethod, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "account", 1);
        var sequence = await IdAllocator.ReserveAsync(connection, tx, council, "reference:" + kind.Code(), 1);
        var reference = AccountReference.Create(kind, sequence);
        await connection.ExecuteAsync(
            "insert into account (council_id, account_id, reference, kind, uprn, opened_on, payment_method, version, created_at) " +
            "values (@council, @id, @reference, @kind, @uprn, @openedOn, @paymentMethod, 1, @now)",
            new
            {
                council = council.Value, id, reference = reference.Value, kind = kind.Code(), uprn,
                openedOn, paymentMethod, now,
            },
            tx);
        return new Account(council, id, reference, kind, uprn, openedOn, null, paymentMethod, 1);
    }

    /// <summary>A new account to open in a batch, with the one party liable on it from the day it opens.</summary>
    public sealed record NewAccount(LocalDate OpenedOn, long LiablePartyId, string PaymentMethod = "cash");

    /// <summary>Opens many accounts of one kind at once, each with one liable party (an import of invoices opens one per invoice).</summary>
    public static Task<IReadOnlyList<Account>> OpenManyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountKind kind, IReadOnlyList<NewAccount> accounts, Instant now, CancellationToken ct = default) =>
        OpenManyAsync(connection, tx, council, kind, accounts.Select(a => new NewLiableAccount(null, a.OpenedOn, [a.LiablePartyId], a.PaymentMethod)).ToList(), now, ct);

    /// <summary>
    /// An account to open in bulk for a property (or none), liable from its opening day: one party is "liable", two or
    /// more are each "joint".
    /// </summary>
    public sealed record NewLiableAccount(long? Uprn, LocalDate OpenedOn, IReadOnlyList<long> PartyIds, string PaymentMethod = "cash");

    /// <summary>
    /// Opens many accounts of one kind at once (annual billing opens one per newly liable household): one block of ids
    /// and of references, and one bulk write each for the accounts and their parties. Returned in the order given.
    /// </summary>
    public static async Task<IReadOnlyList<Account>> OpenManyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountKind kind, IReadOnlyList<NewLiableAccount> accounts, Instant now, CancellationToken ct = default)
    {
        if (accounts.Count == 0)
        {
            return [];
        }

        var firstId = await IdAllocator.ReserveAsync(connection, tx, council, "account", accounts.Count);
        var firstSequence = await IdAllocator.ReserveAsync(connection, tx, council, "reference:" + kind.Code(), accounts.Count);
        var opened = accounts.Select((a, i) => new Account(council, firstId + i, AccountReference.Create(kind, firstSequence + i), kind, a.Uprn, a.OpenedOn, null, a.PaymentMethod, 1)).ToList();
        var parties = new List<AccountParty>(accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            var role = accounts[i].PartyIds.Count > 1 ? "joint" : "liable";
            parties.AddRange(accounts[i].PartyIds.Select(p => new AccountParty(opened[i].AccountId, p, role, opened[i].OpenedOn, null)));
        }

        var dialect = SqlDialect.Of(connection);
        await dialect.WriteAllAsync(connection, tx, "account", BatchAccountShape, opened.Select(a => (a, now)).ToList(), ct);
        await dialect.WriteAllAsync(connection, tx, "account_party", BatchPartyShape, parties.Select(p => (council, p)).ToList(), ct);
        return opened;
    }

    private static readonly BulkTable<(Account Account, Instant Now)> BatchAccountShape = new BulkTable<(Account Account, Instant Now)>()
        .Int4("council_id", r => r.Account.Council.Value)
        .Int8("account_id", r => r.Account.AccountId)
        .Text("reference", r => r.Account.Reference.Value)
        .Text("kind", r => r.Account.Kind.Code())
        .Int8("uprn", r => r.Account.Uprn)
        .Date("opened_on", r => r.Account.OpenedOn)
        .Text("payment_method", r => r.Account.PaymentMethod)
        .Int4("version", _ => 1)
        .Instant("created_at", r => r.Now);

    private static readonly BulkTable<(CouncilId Council, AccountParty Party)> BatchPartyShape = new BulkTable<(CouncilId Council, AccountParty Party)>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("account_id", r => r.Party.AccountId)
        .Int8("party_id", r => r.Party.PartyId)
        .Text("role", r => r.Party.Role)
        .Date("liable_from", r => r.Party.LiableFrom)
        .Date("liable_to", r => r.Party.LiableTo);

    public static async Task AddPartyAsync(DbConnection connection, DbTransaction tx, CouncilId council, AccountParty party)
    {
        await connection.ExecuteAsync(
            "insert into account_party (council_id, account_id, party_id, role, liable_from, liable_to) values (@council, @account, @party, @role, @from, @to)",
            new
            {
                council = council.Value, account = party.AccountId, party = party.PartyId, role = party.Role,
                from = party.LiableFrom,
                to = party.LiableTo,
            },
            tx);
    }

    /// <summary>Closes an account from a date (the last day of liability), for example on moving out.</summary>
    public static async Task CloseAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, LocalDate closedOn)
    {
        await connection.ExecuteAsync(
            "update account set closed_on = @closedOn, version = version + 1 where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId, closedOn }, tx);
    }

    public static async Task<Account?> FindByReferenceAsync(DbConnection connection, CouncilId council, AccountReference reference) =>
        (await connection.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " where council_id = @council and reference = @reference",
            new { council = council.Value, reference = reference.Value }))?.ToAccount();

    public static async Task<Account?> GetAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<AccountRow>(
            AccountRow.Select + " where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId }, tx))?.ToAccount();

    public static async Task<IReadOnlyList<Account>> ForPropertyAsync(DbConnection connection, CouncilId council, long uprn) =>
        (await connection.QueryAsync<AccountRow>(
            AccountRow.Select + " where council_id = @council and uprn = @uprn order by opened_on",
            new { council = council.Value, uprn })).Select(r => r.ToAccount()).ToList();

    public static async Task<IReadOnlyList<AccountParty>> PartiesAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<AccountPartyRow>(
            "select account_id, party_id, role, liable_from, liable_to from account_party where council_id = @council and account_id = @accountId order by liable_from",
            new { council = council.Value, accountId })).Select(r => r.ToParty()).ToList();

    public static async Task<IReadOnlyList<AccountParty>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId) =>
        (await connection.QueryAsync<AccountPartyRow>(
            "select account_id, party_id, role, liable_from, liable_to from account_party where council_id = @council and party_id = @partyId order by liable_from",
            new { council = council.Value, partyId })).Select(r => r.ToParty()).ToList();

    /// <summary>The accounts with these ids, for modules that hold account ids and need references, kinds or dates.</summary>
    public static async Task<IReadOnlyDictionary<long, Account>> GetManyAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<AccountRow, long>(connection, AccountRow.Select + " where council_id = @council and account_id {ids}", council, accountIds, tx))
        .ToDictionary(r => r.account_id, r => r.ToAccount());

    /// <summary>The accounts with these references (as written on bills and payment files), keyed by the reference.</summary>
    public static async Task<IReadOnlyDictionary<string, Account>> ByReferencesAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<string> references, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<AccountRow, string>(connection, AccountRow.Select + " where council_id = @council and reference {ids}", council, references, tx))
        .ToDictionary(r => r.reference, r => r.ToAccount(), StringComparer.Ordinal);

    /// <summary>Who is or was liable on each of these accounts, with dates, oldest liability first per account.</summary>
    public static Task<IReadOnlyList<AccountParty>> PartiesOfAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null) =>
        LiabilitiesAsync(connection, council, "account_id", accountIds, tx);

    /// <summary>Every liability these parties have or had, on any account, with dates.</summary>
    public static Task<IReadOnlyList<AccountParty>> OfPartiesAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> partyIds, DbTransaction? tx = null) =>
        LiabilitiesAsync(connection, council, "party_id", partyIds, tx);

    private static async Task<IReadOnlyList<AccountParty>> LiabilitiesAsync(
        DbConnection connection, CouncilId council, string column, IReadOnlyCollection<long> ids, DbTransaction? tx) =>
        (await SqlLists.QueryByIdsAsync<AccountPartyRow, long>(connection,
            $"select account_id, party_id, role, liable_from, liable_to from account_party where council_id = @council and {column} {{ids}}", council, ids, tx))
        .Select(r => r.ToParty()).OrderBy(p => p.AccountId).ThenBy(p => p.LiableFrom).ThenBy(p => p.PartyId).ToList();

    /// <summary>
    /// Changes how an account pays, if nobody else has changed the account since the officer read it
    /// (optimistic concurrency on the account aggregate).
    /// </summary>
    public static async Task<Outcome<Account>> ChangePaymentMethodAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, int expectedVersion, string paymentMethod)
    {
        if (paymentMethod is not ("cash" or "direct-debit" or "card" or "bank-transfer"))
        {
            return new Outcome<Account>.Invalid("paymentMethod", "Choose cash, direct-debit, card or bank-transfer");
        }

        var changed = await connection.ExecuteAsync(
            "update account set payment_method = @paymentMethod, version = version + 1 where council_id = @council and account_id = @accountId and version = @expectedVersion",
            new { council = council.Value, accountId, expectedVersion, paymentMethod }, tx);
        if (changed == 0)
        {
            return await GetAsync(connection, council, accountId, tx) is null
                ? new Outcome<Account>.NotFound($"account {accountId}")
                : new Outcome<Account>.Conflict(Concurrency.ConflictMessage);
        }

        return (await GetAsync(connection, council, accountId, tx))!;
    }

    private sealed class AccountRow
    {
        public const string Select =
            "select council_id, account_id, reference, kind, uprn, opened_on, closed_on, payment_method, version from account";

        public int council_id { get; set; }
        public long account_id { get; set; }
        public string reference { get; set; } = "";
        public string kind { get; set; } = "";
        public long? uprn { get; set; }
        public LocalDate opened_on { get; set; }
        public LocalDate? closed_on { get; set; }
        public string payment_method { get; set; } = "";
        public int version { get; set; }

        public Account ToAccount()
        {
            if (!AccountReference.TryParse(reference, out var parsed, out var error))
            {
                throw new InvalidOperationException($"Account {account_id} has a stored reference '{reference}' that is not valid: {error}");
            }

            return new Account(new CouncilId(council_id), account_id, parsed, AccountKinds.FromCode(kind), uprn,
                opened_on, closed_on, payment_method, version);
        }
    }

    private sealed class AccountPartyRow
    {
        public long account_id { get; set; }
        public long party_id { get; set; }
        public string role { get; set; } = "";
        public LocalDate liable_from { get; set; }
        public LocalDate? liable_to { get; set; }

        public AccountParty ToParty() => new(account_id, party_id, role, liable_from,
            liable_to);
    }
}
