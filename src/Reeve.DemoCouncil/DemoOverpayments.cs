using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;
using Reeve.Overpayments.Features.DeductFromHousingBenefit;
using Reeve.Overpayments.Features.ImportDecisions;
using Reeve.Overpayments.Features.RecordClaims;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Housing Benefit overpayments for the demo council: claimants (about one for every 40 dwellings, 4 to 1,000; a third with a
/// partner, a quarter with benefit paid to a landlord, a few ended), one overpayment decision each in the last year with every
/// cause and payee, a revised decision, imported through the decisions import, and the last four weeks' deductions from ongoing
/// benefit recorded, as the benefits system and a weekly run would leave them.
/// </summary>
internal static class DemoOverpayments
{
    private static readonly string[] Forenames = ["Amira", "Ben", "Chloe", "Dev", "Ellen", "Femi", "Grace", "Harry", "Imran", "Jess", "Kofi", "Lena"];

    private static readonly string[] Surnames = ["Ashworth", "Begum", "Clarke", "Dlamini", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jennings"];

    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, int dwellings, int seed, LocalDate asAt, Instant now, CancellationToken ct)
    {
        var rng = new Random(seed + 16);
        var count = Math.Clamp(dwellings / 40, 4, 1_000);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var people = new List<RecordParties.NewParty>();
        for (var i = 0; i < count; i++)
        {
            var address = new RecordParty.PostalAddressInput(null, $"{i + 1} Benefit Row", null, null, profile.Name, "DT9 " + (i % 9 + 1).ToString(CultureInfo.InvariantCulture) + "HB");
            people.Add(new(PartyKind.Person, NameParts.Person(null, Forenames[rng.Next(Forenames.Length)], Surnames[rng.Next(Surnames.Length)]), asAt.PlusYears(-3), address));
            people.Add(new(PartyKind.Person, NameParts.Person(null, Forenames[rng.Next(Forenames.Length)], Surnames[rng.Next(Surnames.Length)]), asAt.PlusYears(-3), address));
        }

        people.Add(new(PartyKind.Organisation, NameParts.Organisation($"{profile.Name} Homes Ltd"), asAt.PlusYears(-5),
            new RecordParty.PostalAddressInput(null, "1 Lettings Yard", null, null, profile.Name, "DT9 9LL")));
        var ids = await RecordParties.RecordAllAsync(connection, tx, profile.Id, people, "demo", now, ct) switch
        {
            Outcome<IReadOnlyList<long>>.Done done => done.Value,
            var refused => throw new InvalidOperationException($"The demo claimants were not recorded: {refused}"),
        };
        var landlord = ids[^1];
        var claims = new List<RecordClaims.Claim>();
        for (var i = 0; i < count; i++)
        {
            var roles = new Dictionary<RecoverFrom, long> { [RecoverFrom.Claimant] = ids[2 * i] };
            if (i % 3 == 1)
            {
                roles[RecoverFrom.Partner] = ids[(2 * i) + 1];
            }

            if (i % 4 == 2)
            {
                roles[RecoverFrom.Landlord] = landlord;
            }

            var ended = i % 7 == 6;
            var disregard = i % 5 == 0 ? Money.FromPence(1_000) : Money.Zero;
            claims.Add(new($"HB{100_000 + i}", ended ? Money.Zero : Money.FromPence(8_000 + rng.Next(0, 12_000)), disregard,
                Money.FromPence(disregard.Pence / 2), roles));
        }

        if (await RecordClaims.HandleAsync(connection, tx, profile.Id, claims, now) is not Outcome<int>.Done)
        {
            throw new InvalidOperationException("The demo claims were not recorded");
        }

        var file = DecisionsFile(claims, rng, asAt);
        var imported = await ImportDecisions.HandleAsync(connection, tx, new ImportDecisions.Request(profile.Id, "demo-overpayment-decisions.csv", file, asAt.PlusDays(-28), "demo"), now, ct);
        if (imported is not ImportDecisions.Result.Imported)
        {
            throw new InvalidOperationException($"The demo overpayment decisions were not imported: {imported}");
        }

        // The last four benefit weeks before the demo day, each recorded by the weekly run.
        var monday = asAt.PlusDays(-(((int)asAt.DayOfWeek) - 1));
        for (var week = monday.PlusWeeks(-4); week < monday; week = week.PlusWeeks(1))
        {
            if (await DeductFromHousingBenefit.RecordAsync(connection, tx, profile.Id, week, "demo", now) is not Outcome<DeductFromHousingBenefit.Recorded>.Done)
            {
                throw new InvalidOperationException($"The demo deductions for the week from {week} were not recorded");
            }
        }

        await tx.CommitAsync(ct);
    }

    private static byte[] DecisionsFile(List<RecordClaims.Claim> claims, Random rng, LocalDate asAt)
    {
        var text = new StringBuilder(string.Join(',', DecisionFile.Header)).Append('\n');
        var causes = OverpaymentCodes.Causes;
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var cause = causes[i % causes.Count];
            var decided = asAt.PlusDays(-40 - rng.Next(0, 300));
            var from = decided.PlusDays(-120 - rng.Next(0, 200));
            var to = from.PlusDays(28 + rng.Next(0, 90));
            var recoverable = cause is OverpaymentCause.LocalAuthorityError or OverpaymentCause.OfficialError && i % 2 == 0 ? "no" : "yes";
            var payee = claim.Parties.ContainsKey(RecoverFrom.Landlord) && cause != OverpaymentCause.Fraud ? RecoverFrom.Landlord
                : claim.Parties.ContainsKey(RecoverFrom.Partner) && i % 2 == 1 ? RecoverFrom.Partner : RecoverFrom.Claimant;
            var amount = Money.FromPence(5_000 + rng.Next(0, 200_000));
            text.Append(CultureInfo.InvariantCulture, $"OP{200_000 + i},{claim.ClaimReference},{DateText.FormatIso(from)},{DateText.FormatIso(to)},{amount.ToPlainString()},{cause.Code()},{recoverable},{payee.Code()},{DateText.FormatIso(decided)},\n");
        }

        // The first decision, looked at again a fortnight later and reduced.
        var first = claims[0];
        text.Append(CultureInfo.InvariantCulture, $"OP{200_000 + claims.Count},{first.ClaimReference},{DateText.FormatIso(asAt.PlusDays(-200))},{DateText.FormatIso(asAt.PlusDays(-150))},25.00,claimant-error,yes,claimant,{DateText.FormatIso(asAt.PlusDays(-20))},OP200000\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
