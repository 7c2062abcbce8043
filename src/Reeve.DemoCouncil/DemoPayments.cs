using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Phase 3 of the demo: how people paid. Most pay each instalment of their current bill by Direct Debit; some
/// pay late or stop paying, a few pay nothing, a few pay twice by mistake. A few Direct Debits come back unpaid.
/// Earlier years' arrears carry liability order costs. Everything goes through the ledger's own posting path.
/// </summary>
internal static class DemoPayments
{
    private const string Officer = "demo";
    private const int PostEvery = 20_000;

    private enum Behaviour
    {
        PaysOnTime,
        StopsPaying,
        NonPayer,
        Overpays,
    }

    private sealed record Plan(long AccountId, FinancialYear Year, IReadOnlyList<(LocalDate Due, Money Amount)> Instalments);

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, int seed, LocalDate asAt, Instant now, IProgress<DemoProgress>? progress, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // What each account is due, through the debt-stream seam (the schedule in force on the day the demo stands at).
        var schedule = DebtStreams.Find(AccountKind.CouncilTax)?.DueScheduleSql
                       ?? throw new InvalidOperationException("Council Tax is not registered as a debt stream");
        var rows = await connection.QueryAsync<(long Account, int Year, LocalDate Due, long Amount)>(
            $"select account_id, financial_year, due_on, amount_pence from ({schedule}) d order by account_id, financial_year, seq",
            new { council = profile.Id.Value, lo = 0L, hi = long.MaxValue, asAt });
        var plans = rows.GroupBy(r => (r.Account, r.Year))
            .Select(g => new Plan(g.Key.Account, new FinancialYear(g.Key.Year), g.Select(r => (r.Due, Money.FromPence(r.Amount))).ToList()))
            .GroupBy(p => p.AccountId)
            .ToList();

        await using var tx = await connection.BeginTransactionAsync(ct);
        var versions = await AccountStore.GetManyAsync(connection, profile.Id, plans.Select(p => p.Key).ToList(), tx);
        var pending = new List<NewEntry>();
        var returned = new HashSet<string>(StringComparer.Ordinal);
        var done = 0;
        foreach (var account in plans)
        {
            var rng = new Random(unchecked((seed * 7919) + (int)account.Key));
            var method = rng.Next(100) < 75 ? "direct-debit" : new[] { "cash", "card", "bank-transfer" }[rng.Next(3)];
            if (await AccountStore.ChangePaymentMethodAsync(connection, tx, profile.Id, account.Key, versions[account.Key].Version, method) is not Outcome<Account>.Done)
            {
                throw new InvalidOperationException($"The demo could not set how account {account.Key} pays");
            }

            var behaviour = Pick(rng, method);
            foreach (var plan in account)
            {
                Pay(profile, plan, method, behaviour, rng, asAt, pending, returned);
            }

            if (pending.Count >= PostEvery)
            {
                await FlushAsync(connection, tx, profile.Id, pending, returned, asAt, now, ct);
            }

            if (++done % 500 == 0 || done == plans.Count)
            {
                progress?.Report(new DemoProgress($"{profile.Name}: payments", done, plans.Count));
            }
        }

        await FlushAsync(connection, tx, profile.Id, pending, returned, asAt, now, ct);
        await tx.CommitAsync(ct);
    }

    private static void Pay(DemoCouncilProfile profile, Plan plan, string method, Behaviour behaviour, Random rng, LocalDate asAt, List<NewEntry> pending, HashSet<string> returned)
    {
        var year = plan.Year;
        var instalments = plan.Instalments;
        var current = year == FinancialYear.Containing(asAt);
        var stopAfter = behaviour switch
        {
            Behaviour.StopsPaying => rng.Next(1, Math.Max(2, instalments.Count)),
            Behaviour.NonPayer => current ? 0 : rng.Next(0, Math.Max(1, instalments.Count / 2)),
            _ => instalments.Count,
        };
        void Post(EntryKind kind, Money amount, LocalDate on, string reason, string source, string key)
        {
            if (amount.IsPositive && on <= asAt)
            {
                pending.Add(new NewEntry(profile.Id, plan.AccountId, kind, amount, year, on, Officer, reason, source, $"demo:{plan.AccountId}:{year.StartYear}:{key}"));
            }
        }

        var channel = method switch
        {
            "direct-debit" => "Direct Debit collection",
            "card" => "Card payment (GOV.UK Pay)",
            "bank-transfer" => "Bank transfer (Faster Payments)",
            _ => "PayPoint cash payment",
        };
        for (var i = 0; i < instalments.Count && i < stopAfter; i++)
        {
            var (due, amount) = instalments[i];
            var paidOn = method == "direct-debit" ? due : due.PlusDays(-rng.Next(0, 6));
            if (behaviour == Behaviour.StopsPaying && !current)
            {
                paidOn = paidOn.PlusDays(rng.Next(10, 60));
            }

            Post(EntryKind.Payment, amount, paidOn, $"{channel}, instalment {i + 1} of {instalments.Count}", "Payment received", $"payment:{i}");
            if (method == "direct-debit" && paidOn <= asAt.PlusDays(-3) && rng.Next(1000) < 8)
            {
                returned.Add($"demo:{plan.AccountId}:{year.StartYear}:payment:{i}");
            }
        }

        var unpaid = Money.Sum(instalments.Skip(stopAfter).Select(i => i.Amount));
        if (!current && behaviour is Behaviour.StopsPaying or Behaviour.NonPayer && unpaid.IsPositive)
        {
            // Arrears from an earlier year were taken to the magistrates' court: summons and liability order costs.
            var orderDay = year.LastDay.PlusDays(rng.Next(45, 120));
            Post(EntryKind.Costs, Money.FromPence(7_950), orderDay, "Summons and liability order costs", "CTAE Regs 1992 reg 34(7)", "costs");
            if (behaviour == Behaviour.StopsPaying)
            {
                Post(EntryKind.Payment, unpaid + Money.FromPence(7_950), orderDay.PlusDays(rng.Next(20, 90)),
                    "Payment under an arrangement after the liability order", "Payment received", "arrears");
            }
        }

        if (behaviour == Behaviour.Overpays && instalments.Count > 0)
        {
            Post(EntryKind.Payment, Money.FromPence(rng.Next(1_000, 15_000)), instalments[0].Due.PlusDays(3),
                "Bank transfer (Faster Payments), paid twice by mistake", "Payment received", "duplicate");
        }
    }

    private static async Task FlushAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, CouncilId council, List<NewEntry> pending, HashSet<string> returned,
        LocalDate asAt, Instant now, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var outcome = await PostEntries.PostAsync(connection, tx, pending, now, ct);
        var posted = outcome is Outcome<PostResult>.Done done ? done.Value.Posted : throw new InvalidOperationException($"Demo payments refused: {outcome}");
        foreach (var entry in posted.Where(e => e.IdempotencyKey is { } k && returned.Contains(k)))
        {
            var day = entry.EffectiveDate.PlusDays(3);
            await ReverseEntry.ReverseAsync(connection, tx, council, entry.EntryId, day, Officer, "Direct Debit returned unpaid (ARUDD reason 0: refer to payer)", now);
            await AccountEvents.RecordAsync(connection, tx, council, entry.AccountId, now, day, "direct-debit-unpaid",
                $"Direct Debit of {entry.Amount.ToDisplayString()} returned unpaid", Officer, "Bacs ARUDD");
        }

        pending.Clear();
        returned.Clear();
    }

    private static Behaviour Pick(Random rng, string method)
    {
        var roll = rng.Next(100);
        var onTime = method == "direct-debit" ? 88 : 74;
        return roll < onTime ? Behaviour.PaysOnTime
            : roll < onTime + 6 ? Behaviour.Overpays
            : roll < 95 ? Behaviour.StopsPaying
            : Behaviour.NonPayer;
    }
}
