using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.Overpayments.Features.RecordClaims;

/// <summary>
/// Records Housing Benefit claims as the benefits system holds them: the people on each by role (each a party already in
/// People), the weekly benefit paid now (0.00 once the claim has ended) and the claimant's weekly earnings or income disregard
/// with the top-up the council adds to the maximum deduction from it (no more than half, HB Regs 2006 reg 102(3)). A claim
/// recorded again takes the new figures and roles. All or nothing: a claim without a claimant, an unknown person or a top-up
/// over half the disregard refuses the whole request, naming the claim.
/// </summary>
public static class RecordClaims
{
    public sealed record Claim(string ClaimReference, Money WeeklyAward, Money WeeklyDisregard, Money TopUp, IReadOnlyDictionary<RecoverFrom, long> Parties);

    public static async Task<Outcome<int>> HandleAsync(DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<Claim> claims, Instant now)
    {
        foreach (var claim in claims)
        {
            if (string.IsNullOrWhiteSpace(claim.ClaimReference))
            {
                return new Outcome<int>.Invalid("claimReference", "Give the claim's reference");
            }

            if (!claim.Parties.ContainsKey(RecoverFrom.Claimant))
            {
                return new Outcome<int>.Invalid($"{claim.ClaimReference}.parties", "A claim has a claimant");
            }

            if (claim.WeeklyAward.IsNegative || claim.WeeklyDisregard.IsNegative || claim.TopUp.IsNegative)
            {
                return new Outcome<int>.Invalid($"{claim.ClaimReference}.weeklyAward", "Amounts cannot be negative");
            }

            if (claim.TopUp.Times(2) > claim.WeeklyDisregard)
            {
                return new Outcome<int>.Invalid($"{claim.ClaimReference}.topUp",
                    $"The top-up of {claim.TopUp.ToPlainString()} is more than half the disregard of {claim.WeeklyDisregard.ToPlainString()} (HB Regs 2006 reg 102(3))");
            }
        }

        var partyIds = claims.SelectMany(c => c.Parties.Values).Distinct().ToList();
        var known = await PartyNames.CurrentAsync(connection, council, partyIds, tx);
        if (claims.SelectMany(c => c.Parties.Select(p => (c.ClaimReference, p.Key, p.Value))).FirstOrDefault(p => !known.ContainsKey(p.Value)) is { ClaimReference: not null } unknown)
        {
            return new Outcome<int>.NotFound($"party {unknown.Value}, the {unknown.Key.Code()} on claim {unknown.ClaimReference}");
        }

        var refs = claims.Select(c => c.ClaimReference).ToArray();
        var dialect = SqlDialect.Of(connection);
        await connection.ExecuteAsync("delete from hb_claim_party where council_id = @council and claim_reference " + dialect.AnyOf("refs"), new { council = council.Value, refs }, tx);
        await connection.ExecuteAsync(
            "insert into hb_claim (council_id, claim_reference, weekly_award_pence, weekly_disregard_pence, top_up_pence, recorded_at) values (@council, @reference, @award, @disregard, @topUp, @now) " +
            "on conflict (council_id, claim_reference) do update set weekly_award_pence = excluded.weekly_award_pence, " +
            "weekly_disregard_pence = excluded.weekly_disregard_pence, top_up_pence = excluded.top_up_pence, recorded_at = excluded.recorded_at",
            claims.Select(c => new { council = council.Value, reference = c.ClaimReference, award = c.WeeklyAward.Pence, disregard = c.WeeklyDisregard.Pence, topUp = c.TopUp.Pence, now }), tx);
        await connection.ExecuteAsync(
            "insert into hb_claim_party (council_id, claim_reference, role, party_id) values (@council, @reference, @role, @party)",
            claims.SelectMany(c => c.Parties.Select(p => new { council = council.Value, reference = c.ClaimReference, role = p.Key.Code(), party = p.Value })), tx);
        return new Outcome<int>.Done(claims.Count);
    }
}
