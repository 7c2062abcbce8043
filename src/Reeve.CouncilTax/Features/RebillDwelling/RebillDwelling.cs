#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// Works out every bill on a dwelling again from what is now recorded, and for each account-year whose amount
/// has changed issues a new bill version: the previous version's charge is reversed and the new charge posted,
/// never edited, and the instalments are re-profiled. Backdated changes re-bill past years the same way.
/// </summary>
public static class RebillDwelling
{
    public sealed record Result(IReadOnlyList<BillVersion> NewVersions);

    public static async Task<Outcome<Result>> RebillAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long uprn, LocalDate issuedOn, string reason, string officer,
        Instant now, FinancialYear? fromYear = null, long? runId = null)
    {
        var facts = await DwellingFactsStore.LoadAsync(connection, tx, council, uprn);
        if (facts is null)
        {
            return new Outcome<Result>.NotFound($"dwelling with UPRN {uprn}");
        }

        if (FactProblems.Find(facts) is [var problem, ..])
        {
            return new Outcome<Result>.Invalid(problem.Field, problem.Message);
        }

        var area = (await PropertyListings.OfAsync(connection, council, uprn, tx))?.AreaCode;
        var lastYear = FinancialYear.Containing(issuedOn);
        // A change dated in one year cannot alter the bills of the years before it, so they are not worked out again.
        // Years brought in by an opening load were billed by the old system at its own figures: re-working them for a
        // later change would issue new versions nobody asked for.
        var years = (await BillStore.BilledYearsAsync(connection, tx, council, uprn)).Where(y => fromYear is not { } first || y >= first).ToHashSet();

        // A change dated before Reeve holds any charges for the area (a long-standing resident recorded for the
        // first time) bills from the first year whose charges are set: earlier years were billed by the system
        // Reeve replaced.
        var firstCharged = await connection.ExecuteScalarAsync<int?>(
            "select min(financial_year) from precept where council_id = @council and area_code = @area", new { council = council.Value, area }, tx);
        var from = fromYear ?? lastYear;
        if (firstCharged is { } first && from.StartYear < first)
        {
            from = new FinancialYear(first);
        }

        for (var y = from; y <= lastYear; y = y.Next)
        {
            years.Add(y);
        }

        var versions = new List<BillVersion>();
        foreach (var year in years.Order())
        {
            var areas = await ChargeSetting.BandDByAreaAsync(connection, tx, council, year);
            if (area is null || !areas.TryGetValue(area, out var charge))
            {
                return new Outcome<Result>.Invalid("areaCode", $"No Band D charge is set for area '{area ?? "(none)"}' in {year}");
            }

            var bills = YearBills.For(facts, year, charge, await LocalDiscounts.ForYearAsync(connection, tx, council, year));
            var accounts = await CouncilTaxAccounts.OnDwellingAsync(connection, tx, council, uprn);
            var touched = new HashSet<long>();
            foreach (var bill in bills)
            {
                var account = accounts.FirstOrDefault(a => a.Parties.SequenceEqual(bill.Liable.Parties))
                              ?? await CouncilTaxAccounts.OpenAsync(connection, tx, council, uprn, bill, officer, now);
                touched.Add(account.AccountId);
                var working = BillWorking.ToJson(bill);
                if (await ApplyAsync(connection, tx, council, account, year, bill.NetCharge, working, issuedOn, reason, officer, now, runId) is { } v)
                {
                    versions.Add(v);
                }
            }

            foreach (var account in accounts.Where(a => !touched.Contains(a.AccountId)))
            {
                if (await ApplyAsync(connection, tx, council, account, year, Money.Zero, "[]", issuedOn, reason + ": no longer liable for this year", officer, now, runId) is { } v)
                {
                    versions.Add(v);
                }
            }
        }

        return new Result(versions);
    }

    internal static async Task<BillVersion?> ApplyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CouncilTaxAccounts.AccountOnDwelling account, FinancialYear year, Money net,
        string working, LocalDate issuedOn, string reason, string officer, Instant now, long? runId)
    {
        var current = await BillStore.CurrentAsync(connection, tx, council, account.AccountId, year);
        if ((current is null && net.IsZero) || (current is not null && current.Net == net))
        {
            return null;
        }

        var version = (current?.Version ?? 0) + 1;
        if (current?.ChargeEntryId is { } previousEntry)
        {
            var reversed = await ReverseEntry.ReverseAsync(connection, tx, council, previousEntry, issuedOn, officer,
                $"Bill {year} version {current.Version} replaced by version {version}: {reason}", now);
            if (reversed is not Outcome<PostedEntry>.Done)
            {
                throw new InvalidOperationException($"Could not reverse entry {previousEntry}: {reversed}");
            }
        }

        long? entryId = null;
        if (net.IsPositive)
        {
            var posted = await PostEntries.PostAsync(connection, tx,
            [
                new NewEntry(council, account.AccountId, EntryKind.Charge, net, year, issuedOn, officer,
                    $"Council tax {year}, bill version {version}: {reason}",
                    "LGFA 1992 ss2, 5, 6 and 11; CTAE Regs 1992 reg 18 (demand notice)", $"bill:{account.AccountId}:{year.StartYear}:v{version}"),
            ], now);
            entryId = posted is Outcome<PostResult>.Done { Value.Posted: [var e] } ? e.EntryId : throw new InvalidOperationException($"Bill charge not posted: {posted}");
        }

        var instalments = current is null
            ? Instalments.Plan(InstalmentRegime.CouncilTax, net, issuedOn, year, account.InstalmentsRequested, account.InstalmentDay).Instalments
            : Reprofile.After(current.Instalments, net, issuedOn, year, account.InstalmentDay, account.InstalmentsRequested);
        var bill = new BillVersion(account.AccountId, year, version, issuedOn, net, reason, working, entryId, instalments);
        await BillStore.InsertAsync(connection, tx, council, bill, runId, now);
        var was = current is null ? "" : $" (was {current.Net.ToDisplayString()})";
        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, issuedOn, "demand-notice",
            $"Bill for {year}, version {version}: {net.ToDisplayString()}{was} in {instalments.Count} instalment{(instalments.Count == 1 ? "" : "s")}. {reason}",
            officer, "CTAE Regs 1992 reg 18; Sch 1");
        return bill;
    }
}
