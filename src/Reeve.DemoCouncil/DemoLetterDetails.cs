using NodaTime;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// The demo councils' letterheads: a town-hall address, and contact details that cannot reach anyone (Ofcom's
/// drama range 01632 960xxx, example.org), so that demo notices read like real ones.
/// </summary>
internal static class DemoLetterDetails
{
    public static async Task RunAsync(ReeveDatabase db, DemoCouncilProfile profile, Instant now, CancellationToken ct)
    {
        var town = profile.Towns[0];
        var slug = profile.Name.Split(' ')[0].ToLowerInvariant();
        // The account the council's Direct Debits are collected into (DemoDirectDebits) takes transfers too.
        var own = DemoDirectDebits.BankDetails[profile.Id.Value % DemoDirectDebits.BankDetails.Length];
        var details = new CouncilDetails(profile.Name, ["Council Offices", "Market Square", town, $"{profile.PostcodeArea}1 1AA"],
            profile.Id.Value == 1 ? "01632 960100" : "01632 960200", $"www.{slug}.example.org", $"counciltax@{slug}.example.org",
            CouncilLetterDetails.DefaultColour, own.Sort, own.Account);
        await using var connection = await db.OpenAsync(ct);
        await CouncilLetterDetails.SetAsync(connection, null, profile.Id, details, now);
    }
}
