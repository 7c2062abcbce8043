using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.People;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Phase 4 of the demo: each council is a Bacs service user, and every open account that pays by Direct Debit
/// has the mandate it pays under, active and lodged a few working days after the account opened, so that
/// `reeve dd collect` has real instalments to collect. A few payers changed bank since (ADDACS 3). One bulk
/// write per council keeps the first start quick.
/// </summary>
internal static class DemoDirectDebits
{
    private const string Officer = "demo";

    // Valid pairs from formats.md 4.3, so every demo mandate passes the modulus check the form applies.
    internal static readonly (string Sort, string Account)[] BankDetails =
        [("089999", "66374958"), ("107999", "88837491"), ("202959", "63748472"), ("871427", "46238510"), ("820000", "73688637"), ("134020", "63849203")];

    private sealed class Payer
    {
        public long AccountId { get; set; }

        public string Reference { get; set; } = "";

        public LocalDate OpenedOn { get; set; }

        public string? Name { get; set; }
    }

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, int seed, LocalDate asAt, Instant now, CancellationToken ct)
    {
        var council = profile.Id;
        var rng = new Random(seed + council.Value);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var sun = council.Value == 1 ? "424242" : "434343";
        var (ownSort, ownAccount) = BankDetails[council.Value % BankDetails.Length];
        await Mandates.SetOriginatorAsync(connection, tx, council,
            new DirectDebitOriginator(new ServiceUser(sun, SortCode.Parse(ownSort), AccountNumber.Parse(ownAccount), profile.Name.ToUpperInvariant()), 3));

        // The same account is the council's collection account, whose bank statements it imports (issue 21): a
        // statement is taken only for an account the council has recorded.
        if (await CouncilBankAccounts.RecordAsync(connection, tx, council,
                new CouncilBankAccounts.NewAccount("Council tax collection account", ownSort, ownAccount, null), "demo", now) is not Outcome<CouncilBankAccount>.Done)
        {
            throw new InvalidOperationException($"The demo council {council.Value}'s collection account could not be recorded");
        }

        // The payer's name is the current name of the party liable most recently (the Ledger's parties, People's names).
        var payers = (await AccountsPayingBy.OpenAsync(connection, council, "direct-debit", tx))
            .Select(a => new Payer { AccountId = a.AccountId, Reference = a.Reference, OpenedOn = a.OpenedOn }).ToList();
        var newest = (await AccountStore.PartiesOfAsync(connection, council, payers.Select(p => p.AccountId).ToList(), tx))
            .GroupBy(p => p.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.LiableFrom).ThenBy(p => p.PartyId).First().PartyId);
        var current = await PartyNames.CurrentAsync(connection, council, newest.Values.Distinct().ToList(), tx);
        var names = newest.ToDictionary(n => n.Key, n => current.GetValueOrDefault(n.Value));
        foreach (var payer in payers)
        {
            payer.Name = names.GetValueOrDefault(payer.AccountId);
        }

        if (payers.Count == 0)
        {
            await tx.CommitAsync(ct);
            return;
        }

        var calendar = WorkingDays.EnglandAndWales;
        var mandates = new List<TakeOnMandates.Existing>(payers.Count);
        foreach (var p in payers)
        {
            var opened = p.OpenedOn;
            var signed = opened.PlusDays(-rng.Next(0, 20));
            var lodged = calendar.AddWorkingDays(calendar.OnOrAfter(signed), 2);
            var (sort, account) = BankDetails[rng.Next(BankDetails.Length)];
            var changed = rng.Next(100) < 3 && lodged < asAt ? lodged.PlusDays(rng.Next(1, Math.Max(2, Period.Between(lodged, asAt, PeriodUnits.Days).Days))) : (LocalDate?)null;
            mandates.Add(new TakeOnMandates.Existing(p.AccountId, BacsSafe(p.Name ?? "Account holder"), sort, account, "CT" + p.Reference, signed, lodged, changed));
        }

        await TakeOnMandates.TakeOnAsync(connection, tx, council, mandates, Officer, now, ct);
        await tx.CommitAsync(ct);
    }

    // Payers' names as a bank holds them for Bacs: capitals, digits, spaces and . - / &.
    private static string BacsSafe(string name)
    {
        var upper = name.ToUpperInvariant();
        var kept = new string(upper.Where(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ' or '.' or '-' or '/' or '&').ToArray()).Trim();
        return kept.Length == 0 ? "ACCOUNT HOLDER" : kept;
    }
}
