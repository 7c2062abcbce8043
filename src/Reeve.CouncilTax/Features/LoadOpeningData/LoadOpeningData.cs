#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// The opening data load from a council's incumbent system (docs/domain/opening-load.md, decision 0058). Validation
/// reads every file, line and field, then the references between the files and to what is already on file, then the
/// control totals, and reports every problem with its file, line and field, writing nothing. A commit validates again
/// and, only when there is no problem, writes everything in the caller's one transaction through the owners' bulk
/// writers: properties, people, accounts and who is liable, residences, discounts and exemptions, the current
/// instalment plans, and the balances brought forward posted through the Ledger as one batch. The set is known by its
/// SHA-256 and each person and account by the incumbent's reference, so the same load twice writes nothing and a later
/// load skips what an earlier one brought in.
/// </summary>
public static class LoadOpeningData
{
    /// <summary>The rule every entry of a load names: where the balance came from and under what.</summary>
    public const string SourceRule = "Opening load: balance brought forward from the incumbent system at go-live (data migration; docs/runbooks/opening-load.md)";

    /// <summary>What a load would do or did: how many of each kind are new, how many were loaded before, and the balances by year.</summary>
    public sealed record Summary(
        string SourceSystem, string SetSha256,
        int Properties, int PropertiesOnFile, int People, int PeopleLoadedBefore, int Accounts, int AccountsLoadedBefore,
        int Liabilities, int Awards, int Plans, int Balances, IReadOnlyList<(FinancialYear Year, Money Total)> BalancesByYear);

    public abstract record Result
    {
        private Result()
        {
        }

        /// <summary>Nothing was written: every problem found, by file, line and field.</summary>
        public sealed record Refused(IReadOnlyList<LoadProblem> Problems) : Result;

        /// <summary>This set of files (by SHA-256) was loaded before; nothing was written this time.</summary>
        public sealed record AlreadyLoaded(long LoadId, Instant LoadedAt, string LoadedBy) : Result;

        /// <summary>The set is valid: what a commit would write (from <see cref="ValidateAsync"/>).</summary>
        public sealed record Valid(Summary Summary) : Result;

        /// <summary>Written in the caller's transaction, which the caller commits.</summary>
        public sealed record Loaded(long LoadId, Summary Summary) : Result;
    }

    public static async Task<Result> ValidateAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyDictionary<string, byte[]> files, LocalDate asAt, CancellationToken ct = default)
    {
        var (result, _, _) = await CheckAsync(connection, tx, council, files, asAt, ct);
        return result;
    }

    public static async Task<Result> CommitAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyDictionary<string, byte[]> files, LocalDate asAt, string officer,
        Instant now, CancellationToken ct = default)
    {
        var (result, set, known) = await CheckAsync(connection, tx, council, files, asAt, ct);
        if (result is not Result.Valid valid)
        {
            return result;
        }

        var loadId = await WriteAsync(connection, tx, council, set!, known!, valid.Summary, asAt, officer, now, ct);
        return new Result.Loaded(loadId, valid.Summary);
    }

    private sealed record Known(IReadOnlySet<long> Uprns, IReadOnlyDictionary<string, long> People, IReadOnlyDictionary<string, long> Accounts);

    private static async Task<(Result Result, OpeningLoadSet? Set, Known? Known)> CheckAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyDictionary<string, byte[]> files, LocalDate asAt, CancellationToken ct)
    {
        var sha = OpeningLoadFiles.Sha256Of(files);
        var previous = await connection.QuerySingleOrDefaultAsync<LoadRow>(new CommandDefinition(
            "select load_id, loaded_at, loaded_by from opening_load where council_id = @council and set_sha256 = @sha",
            new { council = council.Value, sha }, tx, cancellationToken: ct));
        if (previous is not null)
        {
            return (new Result.AlreadyLoaded(previous.load_id, previous.loaded_at, previous.loaded_by), null, null);
        }

        // What is on file is read first, in a few statements: the UPRNs the files name, the references loaded before
        // and the council's charging areas.
        var uprns = new HashSet<long>();
        foreach (var text in new[] { OpeningLoadFiles.Properties, OpeningLoadFiles.Accounts })
        {
            if (files.TryGetValue(text, out var content))
            {
                uprns.UnionWith(UprnsIn(content));
            }
        }

        var listed = (await PropertyStore.GetManyAsync(connection, council, uprns, tx)).Keys.ToHashSet();
        var records = (await connection.QueryAsync<RecordRow>(new CommandDefinition(
            "select record_kind, incumbent_ref, reeve_id from opening_load_record where council_id = @council",
            new { council = council.Value }, tx, cancellationToken: ct))).ToList();
        var people = records.Where(r => r.record_kind == "person").ToDictionary(r => r.incumbent_ref, r => r.reeve_id, StringComparer.Ordinal);
        var accounts = records.Where(r => r.record_kind == "account").ToDictionary(r => r.incumbent_ref, r => r.reeve_id, StringComparer.Ordinal);
        var areas = (await connection.QueryAsync<string>(new CommandDefinition(
            "select area_code from charge_area where council_id = @council", new { council = council.Value }, tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);

        var read = OpeningLoadFiles.Parse(files, new OpeningLoadFiles.OnFile(listed, people.Keys.ToHashSet(StringComparer.Ordinal),
            accounts.Keys.ToHashSet(StringComparer.Ordinal), areas), asAt);
        if (read.Set is not { } set)
        {
            return (new Result.Refused(read.Problems), null, null);
        }

        var newAccounts = set.Accounts.Count(a => !accounts.ContainsKey(a.Ref));
        bool IsNew(string accountRef) => !accounts.ContainsKey(accountRef);
        var summary = new Summary(set.SourceSystem, set.SetSha256,
            set.Properties.Count(p => !listed.Contains(p.Uprn)), set.Properties.Count(p => listed.Contains(p.Uprn)),
            set.People.Count(p => !people.ContainsKey(p.Ref)), set.People.Count(p => people.ContainsKey(p.Ref)),
            newAccounts, set.Accounts.Count - newAccounts,
            set.Liabilities.Count(l => IsNew(l.AccountRef)), set.Awards.Count(a => IsNew(a.AccountRef)),
            set.Instalments.Where(i => IsNew(i.AccountRef)).Select(i => (i.AccountRef, i.Year)).Distinct().Count(),
            set.Balances.Count(b => IsNew(b.AccountRef)),
            set.ControlBalances.OrderBy(b => b.Key).Select(b => (b.Key, b.Value)).ToList());
        return (new Result.Valid(summary), set, new Known(listed, people, accounts));
    }

    // The UPRN column of a file, read loosely: only to know which properties to look up. The file is read properly after.
    private static IEnumerable<long> UprnsIn(byte[] content)
    {
        List<CsvRecord> records;
        try
        {
            records = CsvFile.Read(System.Text.Encoding.UTF8.GetString(content).TrimStart('\uFEFF'), ',', firstLineIsHeader: true).ToList();
        }
        catch (CsvFormatException)
        {
            yield break;
        }

        if (records.Count == 0)
        {
            yield break;
        }

        var column = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList().IndexOf("uprn");
        if (column < 0)
        {
            yield break;
        }

        foreach (var r in records.Skip(1))
        {
            if (column < r.Count && long.TryParse(r.Fields[column].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uprn))
            {
                yield return uprn;
            }
        }
    }

    private static async Task<long> WriteAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, OpeningLoadSet set, Known known, Summary summary, LocalDate asAt, string officer,
        Instant now, CancellationToken ct)
    {
        var loadId = await IdAllocator.ReserveAsync(connection, tx, council, "opening_load", 1);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into opening_load (council_id, load_id, set_sha256, source_system, properties, people, accounts, balance_pence, loaded_at, loaded_by) " +
            "values (@council, @loadId, @sha, @system, @properties, @people, @accounts, @balance, @now, @officer)",
            new
            {
                council = council.Value, loadId, sha = set.SetSha256, system = set.SourceSystem, properties = summary.Properties, people = summary.People,
                accounts = summary.Accounts, balance = set.Balances.Aggregate(Money.Zero, (s, b) => s + b.Balance).Pence, now, officer,
            }, tx, cancellationToken: ct));

        // Properties not yet on the list.
        var added = await PropertyStore.AddManyAsync(connection, tx, set.Properties.Where(p => !known.Uprns.Contains(p.Uprn))
            .Select(p => new PropertyStore.NewListedProperty(
                new NewProperty(council, p.Uprn, p.Line1, p.Line2, p.Line3, p.Town, p.Postcode, PropertyKind.Domestic, p.Band), p.AreaCode)).ToList(), now, ct);
        Expect(added, "properties");

        // People not loaded before.
        var newPeople = set.People.Where(p => !known.People.ContainsKey(p.Ref)).ToList();
        var partyIds = await RecordParties.RecordAllAsync(connection, tx, council, newPeople.Select(p => new RecordParties.NewParty(
            p.Organisation ? PartyKind.Organisation : PartyKind.Person,
            p.Organisation ? NameParts.Organisation(p.OrganisationName!) : NameParts.Person(p.Title, p.Forenames!, p.Surname!),
            p.KnownFrom,
            p.AddressLine1 is null ? null : new RecordParty.PostalAddressInput(null, p.AddressLine1, p.AddressLine2, p.AddressLine3, p.Town!, Postcodes.Normalise(p.Postcode!)))).ToList(),
            officer, now, ct);
        var personIds = new Dictionary<string, long>(known.People, StringComparer.Ordinal);
        var ids = Expect(partyIds, "people");
        for (var i = 0; i < newPeople.Count; i++)
        {
            personIds[newPeople[i].Ref] = ids[i];
        }

        // Accounts not loaded before, each with who is liable on it; only their liabilities, plans and balances follow.
        var newAccounts = set.Accounts.Where(a => !known.Accounts.ContainsKey(a.Ref)).ToList();
        var isNew = newAccounts.Select(a => a.Ref).ToHashSet(StringComparer.Ordinal);
        var liabilities = set.Liabilities.Where(l => isNew.Contains(l.AccountRef)).ToList();
        var liableOn = liabilities.ToLookup(l => l.AccountRef, StringComparer.Ordinal);
        var opened = await AccountStore.OpenManyAsync(connection, tx, council, AccountKind.CouncilTax, newAccounts.Select(a => new AccountStore.NewLiableAccount(
            a.Uprn, a.OpenedOn, liableOn[a.Ref].Select(l => personIds[l.PersonRef]).Distinct().ToList(), a.PaymentMethod)).ToList(), now, ct);
        var accountOf = newAccounts.Select((a, i) => (a, opened[i])).ToDictionary(x => x.a.Ref, x => x.Item2, StringComparer.Ordinal);
        foreach (var (a, account) in newAccounts.Select(a => (a, accountOf[a.Ref])).Where(x => x.a.ClosedOn is not null))
        {
            await AccountStore.CloseAsync(connection, tx, council, account.AccountId, a.ClosedOn!.Value);
        }

        // The account's timeline says where it came from, with the incumbent's account number officers will be asked about.
        await AccountEventBatch.WriteAsync(connection, tx, council, newAccounts.Select(a => new NewAccountEvent(accountOf[a.Ref].AccountId, now, asAt, "opened",
            $"Brought across from {set.SourceSystem} by opening load {loadId.ToString(CultureInfo.InvariantCulture)}: incumbent account {a.Ref}, opened there on {a.OpenedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            officer, SourceRule)).ToList(), ct);
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "opening_load_record", RecordShape,
            newPeople.Select(p => new NewRecord(council, "person", p.Ref, personIds[p.Ref], loadId))
                .Concat(newAccounts.Select(a => new NewRecord(council, "account", a.Ref, accountOf[a.Ref].AccountId, loadId))).ToList(), ct);

        var uprnOf = newAccounts.ToDictionary(a => a.Ref, a => a.Uprn, StringComparer.Ordinal);
        await DwellingFactsWriter.WriteAsync(connection, tx, council,
            liabilities.Select(l => new DwellingFactsWriter.NewResidence(uprnOf[l.AccountRef], personIds[l.PersonRef], l.From, l.To, l.Interest, null)).ToList(),
            [],
            set.Awards.Where(a => isNew.Contains(a.AccountRef)).Select(a => new DwellingFactsWriter.NewAward(uprnOf[a.AccountRef], new RecordAward.Award(
                a.Kind, a.PersonRef is { } p ? personIds[p] : null, a.Code, a.Percent, null, a.From, a.To, a.Evidence, null))).ToList(),
            officer, now, ct);

        await PostAndBillAsync(connection, tx, council, set, isNew, accountOf, loadId, asAt, officer, now, ct);
        return loadId;
    }

    // Each balance brought forward is posted so that the account's balance for the year is the incumbent's. Where the
    // year has an instalment plan, the plan's total is posted as the year's charge (the entry a later re-bill reverses
    // when it replaces the bill), and what the incumbent had received against it as a payment, so the recovery engine
    // sees those instalments paid; what is owed beyond the plan (costs, say) is an adjustment. A year with no plan is
    // brought forward as one adjustment: arrears up, a credit down.
    private static async Task PostAndBillAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, OpeningLoadSet set, HashSet<string> isNew, Dictionary<string, Account> accountOf,
        long loadId, LocalDate asAt, string officer, Instant now, CancellationToken ct)
    {
        var plans = set.Instalments.Where(i => isNew.Contains(i.AccountRef)).GroupBy(i => (i.AccountRef, i.Year))
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Seq).ToList());
        var entries = new List<NewEntry>();
        var chargeIndex = new Dictionary<(string, FinancialYear), int>();
        foreach (var b in set.Balances.Where(b => isNew.Contains(b.AccountRef)))
        {
            var accountId = accountOf[b.AccountRef].AccountId;
            var source = $"{set.SourceSystem} {OpeningLoadFiles.Balances} line {b.Line.ToString(CultureInfo.InvariantCulture)}, incumbent reference {b.IncumbentRef}";
            var key = $"opening:{b.IncumbentRef}";
            NewEntry Entry(EntryKind kind, Money amount, string why, string suffix) =>
                new(council, accountId, kind, amount, b.Year, asAt, officer, $"{why} for {b.Year} brought forward from {source}", SourceRule, key + suffix);

            var rest = b.Balance;
            if (plans.TryGetValue((b.AccountRef, b.Year), out var plan))
            {
                var net = plan.Aggregate(Money.Zero, (s, i) => s + i.Amount);
                chargeIndex[(b.AccountRef, b.Year)] = entries.Count;
                entries.Add(Entry(EntryKind.Charge, net, "Council tax charge of the current instalment plan", ":charge"));
                if (net > b.Balance)
                {
                    entries.Add(Entry(EntryKind.Payment, net - b.Balance, "Paid to the incumbent system before go-live", ":paid"));
                }

                rest = b.Balance - net;
            }

            if (rest.IsPositive)
            {
                entries.Add(Entry(EntryKind.AdjustmentIncrease, rest, "Balance owed", ":balance"));
            }
            else if (rest.IsNegative && !plans.ContainsKey((b.AccountRef, b.Year)))
            {
                entries.Add(Entry(EntryKind.AdjustmentDecrease, -rest, "Credit", ":balance"));
            }
        }

        var posted = await PostEntries.PostBatchAsync(connection, tx, $"opening-load:{set.SetSha256}", entries, now, ct);
        var done = posted is Outcome<PostResult>.Done d ? d.Value : throw new InvalidOperationException($"The opening balances were not posted: {posted}");
        if (done.Posted.Count != entries.Count)
        {
            throw new InvalidOperationException($"Only {done.Posted.Count} of {entries.Count} opening balance entries were posted");
        }

        var bills = plans.Select(p => new BillVersion(accountOf[p.Key.AccountRef].AccountId, p.Key.Year, 1, asAt,
            p.Value.Aggregate(Money.Zero, (s, i) => s + i.Amount),
            $"Opening load: the instalment plan brought forward from {set.SourceSystem}", "[]",
            done.Posted[chargeIndex[p.Key]].EntryId, p.Value.Select(i => new Kernel.Instalment(i.DueOn, i.Amount)).ToList())).ToList();
        await BillStore.InsertManyAsync(connection, tx, council, bills, now, ct);
    }

    private static T Expect<T>(Outcome<T> outcome, string what) => outcome is Outcome<T>.Done done
        ? done.Value
        : throw new InvalidOperationException($"The opening load's {what} were refused after validation: {outcome}");

    private sealed record NewRecord(CouncilId Council, string Kind, string Ref, long ReeveId, long LoadId);

    private static readonly BulkTable<NewRecord> RecordShape = new BulkTable<NewRecord>()
        .Int4("council_id", r => r.Council.Value)
        .Text("record_kind", r => r.Kind)
        .Text("incumbent_ref", r => r.Ref)
        .Int8("reeve_id", r => r.ReeveId)
        .Int8("load_id", r => r.LoadId);

    private sealed class LoadRow
    {
        public long load_id { get; set; }
        public Instant loaded_at { get; set; }
        public string loaded_by { get; set; } = "";
    }

    private sealed class RecordRow
    {
        public string record_kind { get; set; } = "";
        public string incumbent_ref { get; set; } = "";
        public long reeve_id { get; set; }
    }
}
