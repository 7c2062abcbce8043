using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.BusinessRates;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.DemoCouncil;

/// <summary>
/// Creates a realistic, fictional council (a shared service of two) on an empty database: dwellings in
/// the English band mix, the people liable for them, moves, single person discounts, charges from 2024/25
/// to the current year, instalments, payments by Direct Debit and otherwise, returned Direct Debits,
/// arrears with costs, credits, and one officer per role. The same seed and date make the same council.
/// </summary>
public static class DemoCouncilBuilder
{
    private const string DemoOfficer = "demo";

    /// <summary>True when the (migrated) database holds no council yet.</summary>
    public static async Task<bool> IsEmptyAsync(ReeveDatabase db, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await CouncilStore.AllAsync(connection)).Count == 0;
    }

    public static async Task<DemoResult> CreateAsync(
        ReeveDatabase db, DemoOptions options, IClock clock, IProgress<DemoProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Dwellings, 1);
        CouncilTaxModule.Register(); // the demo bills council tax, recovers it and prints its demand notices
        Reeve.Sundry.SundryModule.Register();
        Reeve.Overpayments.OverpaymentsModule.Register();
        BusinessRatesModule.Register();
        await MigrationRunner.MigrateAsync(db, ct);
        if (!await IsEmptyAsync(db, ct))
        {
            throw new InvalidOperationException("The database already holds a council; the demo is only made on an empty database");
        }

        var now = clock.GetCurrentInstant();
        var rng = new Random(options.Seed);
        var profiles = new[] { DemoCouncilProfile.Wealdmoor, DemoCouncilProfile.Eastmere };
        var sizes = new[] { options.Dwellings, Math.Max(1, options.Dwellings / 5) };
        var totals = new Totals();
        var generators = profiles.Select(p => new CouncilGenerator(p, options.AsAt, rng, now, progress, totals)).ToList();
        IReadOnlyList<DemoOfficer> officers;

        // Phase 1: the councils, officers, valuation list, precepts and who lives where, in one transaction.
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var profile in profiles)
            {
                await CouncilStore.AddAsync(connection, tx, new Council(profile.Id, profile.Code, profile.Name), now);
            }

            officers = await AddOfficersAsync(connection, tx, options, profiles, now);
            for (var c = 0; c < profiles.Length; c++)
            {
                await generators[c].RecordFactsAsync(connection, tx, sizes[c], ct);
            }

            await tx.CommitAsync(ct);
        }

        // Phase 2 and 3: each year billed as it happened, moves re-billed on their dates, then the payments.
        foreach (var generator in generators)
        {
            await DemoBilling.RunAsync(db, generator, options.AsAt, clock, progress, ct);
            await DemoPayments.RunAsync(db, generator.Profile, options.Seed, options.AsAt, now, progress, ct);
            await DemoCasework.RunAsync(db, generator.Profile.Id, options.AsAt, now, ct);
            await DemoDirectDebits.RunAsync(db, generator.Profile, options.Seed, options.AsAt, now, ct);
            await DemoLetterDetails.RunAsync(db, generator.Profile, now, ct);
        }

        // Statistics for the planner before the recovery runs read across every account, as a council's nightly
        // maintenance would have them.
        await using (var connection = await db.OpenAsync(ct))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "analyze", commandType: System.Data.CommandType.Text);
        }

        await DemoRecovery.RunAsync(db, profiles[0], options.AsAt, clock, ct);
        await DemoTracing.RunAsync(db, profiles[0].Id, options.AsAt, now, ct);
        await DemoCases.RunAsync(db, profiles[0].Id, options.AsAt, now, ct);
        await DemoSundry.RunAsync(db, profiles[0], sizes[0], options.Seed, options.AsAt, now, ct);
        await DemoOverpayments.RunAsync(db, profiles[0], sizes[0], options.Seed, options.AsAt, now, ct);
        await DemoRates.RunAsync(db, profiles[0], options.Dwellings, options.Seed, options.AsAt, now, ct);

        await using (var connection = await db.OpenAsync(ct))
        {
            (totals.Accounts, totals.Entries) = await LedgerTotals.CountAsync(connection);
        }

        return new DemoResult(officers, profiles.Length, sizes.Sum(), totals.People, totals.Accounts, totals.Entries);
    }

    private static async Task<IReadOnlyList<DemoOfficer>> AddOfficersAsync(
        DbConnection connection, DbTransaction tx, DemoOptions options, DemoCouncilProfile[] profiles, Instant now)
    {
        var people = new (string Username, string Name, Role Role)[]
        {
            ("officer", "Priya Shah", Role.Officer),
            ("teamleader", "Dan Morgan", Role.TeamLeader),
            ("manager", "Helen Booth", Role.Manager),
            ("auditor", "Alan Reid", Role.Auditor),
            ("admin", "Sam Okoro", Role.SystemAdministrator),
        };
        var result = new List<DemoOfficer>();
        var all = profiles.Select(p => p.Id).ToList();
        foreach (var (username, name, role) in people)
        {
            var password = options.OfficerPassword ?? NewPassword();
            await OfficerStore.CreateAsync(connection, tx, username, name, role, profiles[0].Id, all, password, now);
            result.Add(new DemoOfficer(username, password, role.Title(), name));
        }

        return result;
    }

    // Passwords are not demo data: they come from the system's secure generator, never from the seed.
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return string.Join('-', new string(chars).Chunk(4).Select(c => new string(c)));
    }

    internal sealed class Totals
    {
        public int People { get; set; }
        public int Accounts { get; set; }
        public int Entries { get; set; }
    }
}
