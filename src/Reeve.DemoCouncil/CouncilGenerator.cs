using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.DemoCouncil;

/// <summary>Makes one demo council's dwellings, occupiers, accounts and ledger, dwelling by dwelling.</summary>
internal sealed class CouncilGenerator(
    DbConnection connection,
    DbTransaction tx,
    DemoCouncilProfile profile,
    LocalDate asAt,
    Random rng,
    Instant now,
    IProgress<DemoProgress>? progress,
    DemoCouncilBuilder.Totals totals)
{
    private const string Officer = "demo";
    private const int PostEvery = 20_000;

    // England's band mix, roughly (shared/domain.md): A 24%, B 20%, C 22%, D 16%, E 10%, F 5%, G 2.5%, H 0.5%.
    private static readonly (char Band, int PerThousand)[] BandMix =
        [('A', 240), ('B', 200), ('C', 220), ('D', 160), ('E', 100), ('F', 50), ('G', 25), ('H', 5)];

    private readonly List<NewEntry> _pending = [];
    private readonly List<string> _returnedDirectDebits = [];
    private readonly List<long> _landlords = [];
    private string[] _streets = [];

    public async Task RunAsync(int dwellings, CancellationToken ct)
    {
        _streets = Enumerable.Range(0, Math.Max(4, dwellings / 40))
            .Select(_ => $"{Pick(DemoNames.StreetStems)} {Pick(DemoNames.StreetKinds)}")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (var name in DemoNames.Landlords)
        {
            _landlords.Add(await AddPartyAsync(PartyKind.Organisation, NameParts.Organisation(name), null, new LocalDate(2010, 1, 1), null));
        }

        for (var i = 0; i < dwellings; i++)
        {
            ct.ThrowIfCancellationRequested();
            await AddDwellingAsync(i);
            if (_pending.Count >= PostEvery)
            {
                await FlushAsync(ct);
            }

            if (i % 250 == 0 || i == dwellings - 1)
            {
                progress?.Report(new DemoProgress($"{profile.Name}: dwellings", i + 1, dwellings));
            }
        }

        await FlushAsync(ct);
    }

    private async Task AddDwellingAsync(int index)
    {
        var street = _streets[index % _streets.Length];
        var number = (index / _streets.Length) + 1;
        var town = profile.Towns[index % profile.Towns.Length];
        var postcode = Postcode(index);
        var band = PickBand();
        var uprn = profile.UprnBase + index + 1;
        var flat = rng.Next(100) < 15;
        var line1 = flat ? $"Flat {rng.Next(1, 9)}, {number} {street}" : $"{number} {street}";
        var added = await PropertyStore.AddAsync(connection, tx,
            new NewProperty(profile.Id, uprn, line1, null, null, town, postcode, PropertyKind.Domestic, band), now);
        if (added is not Outcome<Property>.Done)
        {
            throw new InvalidOperationException($"Demo property {uprn} was refused: {added}");
        }

        var address = new RecordParty.PostalAddressInput(uprn, line1, null, null, town, Postcodes.Normalise(postcode));
        var firstDay = DemoCouncilProfile.FirstLedgerYear.FirstDay;

        // About 2% stand empty with a landlord liable as owner (LGFA 1992 s6(2)(f)).
        if (rng.Next(1000) < 20)
        {
            var from = firstDay.PlusDays(-rng.Next(200, 2000));
            await AddOccupationAsync(uprn, band, [_landlords[rng.Next(_landlords.Count)]], 2, from, null, "bank-transfer", owner: true);
            return;
        }

        var since = new LocalDate(2005, 1, 1).PlusDays(rng.Next(0, 6900));
        LocalDate? movedOut = null;
        if (rng.Next(100) < 14)
        {
            var span = Period.Between(firstDay.PlusDays(60), asAt.PlusDays(-45), PeriodUnits.Days).Days;
            movedOut = firstDay.PlusDays(60 + rng.Next(Math.Max(1, span)));
        }

        await AddHouseholdAsync(uprn, band, address, since, movedOut);
        if (movedOut is { } lastDay)
        {
            await AddHouseholdAsync(uprn, band, address, lastDay.PlusDays(1), null);
        }
    }

    private async Task AddHouseholdAsync(long uprn, char band, RecordParty.PostalAddressInput address, LocalDate from, LocalDate? to)
    {
        var roll = rng.Next(100);
        var adults = roll < 34 ? 1 : roll < 86 ? 2 : 3;
        var surname = Pick(DemoNames.Surnames);
        var liable = new List<long> { await AddPersonAsync(surname, address, from) };
        if (adults >= 2 && rng.Next(100) < 70)
        {
            // Couples are jointly and severally liable (LGFA 1992 s6(3), s9).
            liable.Add(await AddPersonAsync(rng.Next(100) < 75 ? surname : Pick(DemoNames.Surnames), address, from));
        }

        var method = rng.Next(100) < 75 ? "direct-debit" : Pick(["cash", "card", "bank-transfer"]);
        await AddOccupationAsync(uprn, band, liable, adults, from, to, method, owner: false);
    }

    private async Task<long> AddPersonAsync(string surname, RecordParty.PostalAddressInput address, LocalDate from)
    {
        var forenames = Pick(DemoNames.Forenames);
        var dob = new LocalDate(1940, 1, 1).PlusDays(rng.Next(0, 24000));
        var contacts = new List<(string, string)>();
        if (rng.Next(100) < 60)
        {
            contacts.Add(("email", $"{forenames}.{surname}{rng.Next(1, 99)}@example.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)));
        }

        if (rng.Next(100) < 55)
        {
            contacts.Add(("mobile", "07700 9" + rng.Next(0, 100_000).ToString("00000", CultureInfo.InvariantCulture)));
        }

        return await AddPartyAsync(PartyKind.Person, NameParts.Person(null, forenames, surname), dob, from, address, contacts);
    }

    private async Task<long> AddPartyAsync(
        PartyKind kind, NameParts name, LocalDate? dob, LocalDate from, RecordParty.PostalAddressInput? address,
        IReadOnlyList<(string, string)>? contacts = null)
    {
        var outcome = await RecordParty.RecordAsync(connection, tx,
            new RecordParty.Request(profile.Id, kind, name, dob, from, contacts ?? [], address), Officer, now);
        totals.People++;
        return outcome is Outcome<long>.Done done ? done.Value : throw new InvalidOperationException($"Demo party refused: {outcome}");
    }

    private async Task AddOccupationAsync(
        long uprn, char band, IReadOnlyList<long> liable, int adults, LocalDate from, LocalDate? to, string method, bool owner)
    {
        var account = await AccountStore.OpenAsync(connection, tx, profile.Id, AccountKind.CouncilTax, uprn, from, method, now);
        totals.Accounts++;
        foreach (var party in liable)
        {
            await AccountStore.AddPartyAsync(connection, tx, profile.Id,
                new AccountParty(account.AccountId, party, liable.Count > 1 ? "joint" : "liable", from, to));
        }

        if (to is { } closed)
        {
            await AccountStore.CloseAsync(connection, tx, profile.Id, account.AccountId, closed);
            await Event(account, closed, "moved-out", $"Liable party moved out; liability ends {DateText.LongForm.Format(closed)}", "LGFA 1992 s2, s6");
        }

        var firstDay = DemoCouncilProfile.FirstLedgerYear.FirstDay;
        if (from < firstDay)
        {
            await Event(account, firstDay, "migrated", "Account brought into Reeve from the previous system with nothing owing for earlier years", null);
        }
        else
        {
            await Event(account, from, "moved-in", $"Liable from {DateText.LongForm.Format(from)}", "LGFA 1992 s2, s6");
        }

        var behaviour = PickBehaviour(method);
        var dayOfMonth = method == "direct-debit" ? Pick([1, 15, 28]) : 1;
        for (var year = DemoCouncilProfile.FirstLedgerYear; year <= FinancialYear.Containing(asAt); year = year.Next)
        {
            var start = from > year.FirstDay ? from : year.FirstDay;
            var end = to is { } t && t < year.LastDay ? t : year.LastDay;
            if (start > end)
            {
                continue;
            }

            await BillYearAsync(account, band, adults, owner, year, start, end, method, dayOfMonth, behaviour);
        }
    }

    private async Task BillYearAsync(
        Account account, char band, int adults, bool owner, FinancialYear year, LocalDate start, LocalDate end, string method,
        int dayOfMonth, Behaviour behaviour)
    {
        var issued = start == year.FirstDay ? profile.AnnualBillingDay(year) : start.PlusDays(rng.Next(3, 12));
        if (issued > asAt)
        {
            return;
        }

        // The charge and the instalments come from the Council Tax module's own rules, as a real bill would.
        var valuationBand = BandRatios.TryParse(band.ToString(), out var parsed) ? parsed : throw new InvalidOperationException($"Band {band}");
        var bill = CouncilTaxCharge.Calculate(new ChargeCase(
            year, profile.BandD(year), valuationBand, new DateInterval(start, end), owner ? 0 : adults, 0, null, false, null, Money.Zero));
        var charge = bill.NetCharge;
        var why = $"Council Tax {year}, Band {band}, {DateText.LongForm.Format(start)} to {DateText.LongForm.Format(end)} ({bill.DaysLiable} of {bill.DaysInYear} days)" +
                  (bill.DiscountPercent > 0 ? $", discount {bill.DiscountPercent}%" : "");
        var source = string.Join("; ", bill.Explanation.Select(s => s.Source).Distinct(StringComparer.Ordinal));
        Post(account, EntryKind.Charge, charge, year, issued, why, source, $"charge:{year.StartYear}");

        var plan = Instalments.Plan(InstalmentRegime.CouncilTax, charge, issued, year, null, dayOfMonth).Instalments
            .Select(i => (i.Due, i.Amount)).ToList();
        if (plan.Count == 0)
        {
            return;
        }

        await Event(account, issued, "demand-notice",
            $"Demand notice for {year}: {charge.ToDisplayString()} in {plan.Count} instalment{(plan.Count == 1 ? "" : "s")} from {DateText.LongForm.Format(plan[0].Due)}",
            "CTAE Regs 1992 reg 18; Sch 1 para 2");
        PostPayments(account, year, plan, method, behaviour);
    }

    private void PostPayments(Account account, FinancialYear year, IReadOnlyList<(LocalDate Due, Money Amount)> plan, string method, Behaviour behaviour)
    {
        var current = year == FinancialYear.Containing(asAt);
        var stopAfter = behaviour switch
        {
            Behaviour.StopsPaying => rng.Next(1, Math.Max(2, plan.Count)),
            Behaviour.NonPayer => current ? 0 : rng.Next(0, Math.Max(1, plan.Count / 2)),
            _ => plan.Count,
        };
        for (var i = 0; i < plan.Count && i < stopAfter; i++)
        {
            var (due, amount) = plan[i];
            var paidOn = method == "direct-debit" ? due : due.PlusDays(-rng.Next(0, 6));
            if (behaviour == Behaviour.StopsPaying && !current)
            {
                paidOn = paidOn.PlusDays(rng.Next(10, 60));
            }

            if (paidOn > asAt)
            {
                break;
            }

            var channel = method switch
            {
                "direct-debit" => "Direct Debit collection",
                "card" => "Card payment (GOV.UK Pay)",
                "bank-transfer" => "Bank transfer (Faster Payments)",
                _ => "PayPoint cash payment",
            };
            var key = $"payment:{year.StartYear}:{i}";
            Post(account, EntryKind.Payment, amount, year, paidOn, $"{channel}, instalment {i + 1} of {plan.Count}", "Payment received", key);
            if (method == "direct-debit" && rng.Next(1000) < 8)
            {
                _returnedDirectDebits.Add(IdempotencyKey(account, key));
            }
        }

        if (behaviour == Behaviour.StopsPaying && !current)
        {
            // Arrears from earlier years were chased to a liability order and then paid off.
            var cleared = plan.Skip(stopAfter).Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
            var orderDay = year.LastDay.PlusDays(rng.Next(60, 120));
            if (cleared.IsPositive && orderDay <= asAt)
            {
                Post(account, EntryKind.Costs, Money.FromPence(7_950), year, orderDay, "Summons and liability order costs",
                    "CTAE Regs 1992 reg 34(7)", "costs:liability-order");
                if (orderDay.PlusDays(90) <= asAt)
                {
                    Post(account, EntryKind.Payment, cleared + Money.FromPence(7_950), year, orderDay.PlusDays(rng.Next(20, 90)),
                        "Payment under arrangement after liability order", "Payment received", "payment:arrears");
                }
            }
        }

        if (behaviour == Behaviour.NonPayer && !current)
        {
            var orderDay = year.LastDay.PlusDays(rng.Next(30, 90));
            if (orderDay <= asAt)
            {
                Post(account, EntryKind.Costs, Money.FromPence(7_950), year, orderDay, "Summons and liability order costs",
                    "CTAE Regs 1992 reg 34(7)", "costs:liability-order");
            }
        }

        if (behaviour == Behaviour.Overpays && plan[0].Due <= asAt)
        {
            Post(account, EntryKind.Payment, Money.FromPence(rng.Next(1_000, 15_000)), year, plan[0].Due.PlusDays(3),
                "Bank transfer (Faster Payments), paid twice by mistake", "Payment received", $"payment:{year.StartYear}:duplicate");
        }
    }

    private void Post(Account account, EntryKind kind, Money amount, FinancialYear year, LocalDate effective, string reason, string source, string key)
    {
        if (!amount.IsPositive)
        {
            return;
        }

        _pending.Add(new NewEntry(profile.Id, account.AccountId, kind, amount, year, effective, Officer, reason, source, IdempotencyKey(account, key)));
    }

    private string IdempotencyKey(Account account, string key) => $"demo:{profile.Id}:{account.AccountId}:{key}";

    private Task Event(Account account, LocalDate effective, string kind, string summary, string? source) =>
        AccountEvents.RecordAsync(connection, tx, profile.Id, account.AccountId, now, effective, kind, summary, Officer, source);

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var outcome = await PostEntries.PostAsync(connection, tx, _pending, now, ct);
        if (outcome is not Outcome<PostResult>.Done done)
        {
            throw new InvalidOperationException($"Demo ledger entries were refused: {outcome}");
        }

        totals.Entries += done.Value.Posted.Count;
        var returned = _returnedDirectDebits.ToHashSet(StringComparer.Ordinal);
        foreach (var entry in done.Value.Posted.Where(e => e.IdempotencyKey is { } k && returned.Contains(k)))
        {
            var day = entry.EffectiveDate.PlusDays(3);
            if (day > asAt)
            {
                continue;
            }

            await ReverseEntry.ReverseAsync(connection, tx, profile.Id, entry.EntryId, day, Officer,
                "Direct Debit returned unpaid (ARUDD reason 0: refer to payer)", now);
            await AccountEvents.RecordAsync(connection, tx, profile.Id, entry.AccountId, now, day, "direct-debit-unpaid",
                $"Direct Debit of {entry.Amount.ToDisplayString()} returned unpaid", Officer, "Bacs ARUDD");
            totals.Entries++;
        }

        _pending.Clear();
        _returnedDirectDebits.Clear();
    }

    private enum Behaviour
    {
        PaysOnTime,
        StopsPaying,
        NonPayer,
        Overpays,
    }

    private Behaviour PickBehaviour(string method)
    {
        var roll = rng.Next(100);
        var onTime = method == "direct-debit" ? 88 : 74;
        return roll < onTime ? Behaviour.PaysOnTime
            : roll < onTime + 6 ? Behaviour.Overpays
            : roll < 95 ? Behaviour.StopsPaying
            : Behaviour.NonPayer;
    }

    private char PickBand()
    {
        var roll = rng.Next(1000);
        foreach (var (band, perThousand) in BandMix)
        {
            if (roll < perThousand)
            {
                return band;
            }

            roll -= perThousand;
        }

        return 'H';
    }

    // Demo postcodes have the real shape (outward code, inward code) but fictional areas.
    private string Postcode(int index)
    {
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        var block = index / 15;
        var district = (block % 9) + 1;
        var sector = (block / 9) % 10;
        var unit = block / 90;
        return string.Create(CultureInfo.InvariantCulture,
            $"{profile.PostcodeArea}{district} {sector}{inwardLetters[unit / inwardLetters.Length % inwardLetters.Length]}{inwardLetters[unit % inwardLetters.Length]}");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
