using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>The bills one chunk will issue, and the bulk writes that issue them in one transaction.</summary>
internal sealed class AnnualBillingWork
{
    private readonly List<Item> _items = [];

    private sealed record Item(long Uprn, CouncilTaxAccounts.AccountOnDwelling? Account, YearBill Bill, IReadOnlyList<Instalment> Instalments, string Working);

    public void Add(long uprn, CouncilTaxAccounts.AccountOnDwelling? account, YearBill bill, IReadOnlyList<Instalment> instalments, string working) =>
        _items.Add(new Item(uprn, account, bill, instalments, working));

    public async Task WriteAsync(DbConnection connection, DbTransaction tx, RaiseAnnualBills.Options options, long? runId, Instant now, CancellationToken ct)
    {
        if (_items.Count == 0)
        {
            return;
        }

        var council = options.Council;
        var year = options.Year;
        var issued = options.IssuedOn;
        var at = now;

        // New accounts for liable people billed here for the first time.
        var newCount = _items.Count(i => i.Account is null);
        var accountIds = new long[_items.Count];
        if (newCount > 0)
        {
            // New accounts for liable people billed here for the first time, opened by the Ledger in one batch.
            var wanted = new List<AccountStore.NewLiableAccount>(newCount);
            var newAt = new List<int>(newCount);
            for (var i = 0; i < _items.Count; i++)
            {
                if (_items[i].Account is null)
                {
                    wanted.Add(new AccountStore.NewLiableAccount(_items[i].Uprn, _items[i].Bill.Periods[0].Period.From, _items[i].Bill.Liable.Parties));
                    newAt.Add(i);
                }
            }

            var opened = await AccountStore.OpenManyAsync(connection, tx, council, AccountKind.CouncilTax, wanted, at, ct);
            for (var n = 0; n < opened.Count; n++)
            {
                accountIds[newAt[n]] = opened[n].AccountId;
            }
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Account is { } existing)
            {
                accountIds[i] = existing.AccountId;
            }
        }

        // The charges, through the ledger's own bulk path (binary COPY on PostgreSQL), keyed so none posts twice.
        var entries = new List<NewEntry>();
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Bill.NetCharge.IsPositive)
            {
                entries.Add(new NewEntry(council, accountIds[i], EntryKind.Charge, _items[i].Bill.NetCharge, year, options.IssuedOn, options.Officer,
                    $"Council tax {year}, annual bill", "LGFA 1992 ss2, 5, 6 and 11; CTAE Regs 1992 reg 18 (demand notice)", BillKey(accountIds[i], year)));
            }
        }

        var posted = await PostEntries.PostAsync(connection, tx, entries, now, ct);
        var entryByKey = posted is Outcome<PostResult>.Done done
            ? done.Value.Posted.ToDictionary(e => e.IdempotencyKey!, e => e.EntryId, StringComparer.Ordinal)
            : throw new InvalidOperationException($"Annual bill charges were refused: {posted}");

        var bills = new List<object?[]>(_items.Count);
        var instalments = new List<object?[]>(_items.Count * 10);
        var events = new List<NewAccountEvent>(_items.Count);
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            var account = accountIds[i];
            long? entry = entryByKey.TryGetValue(BillKey(account, year), out var e) ? e : null;
            bills.Add([council.Value, account, year.StartYear, 1, issued, item.Bill.NetCharge.Pence, "Annual bill", item.Working, entry, runId, at]);
            var seq = 1;
            foreach (var instalment in item.Instalments)
            {
                instalments.Add([council.Value, account, year.StartYear, 1, seq++, instalment.Due, instalment.Amount.Pence]);
            }

            events.Add(new NewAccountEvent(account, at, issued, "demand-notice",
                $"Annual bill for {year}: {item.Bill.NetCharge.ToDisplayString()} in {item.Instalments.Count} instalment{(item.Instalments.Count == 1 ? "" : "s")}",
                options.Officer, "CTAE Regs 1992 reg 18; Sch 1"));
        }

        await BulkWriter.WriteAsync(connection, tx, "bill",
            ["council_id", "account_id", "financial_year", "version", "issued_on", "net_pence", "reason", "working", "charge_entry_id", "run_id", "created_at"], bills, ct);
        await BulkWriter.WriteAsync(connection, tx, "instalment",
            ["council_id", "account_id", "financial_year", "version", "seq", "due_on", "amount_pence"], instalments, ct);
        await AccountEventBatch.WriteAsync(connection, tx, council, events, ct);
    }

    private static string BillKey(long account, FinancialYear year) => $"bill:{account}:{year.StartYear}:v1";
}
