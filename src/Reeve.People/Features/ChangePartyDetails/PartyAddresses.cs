using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Properties;

namespace Reeve.People;

/// <summary>A party's correspondence addresses are history: a new one ends the current one the day before it starts.</summary>
public static class PartyAddresses
{
    /// <summary>
    /// Ends every open address of the party and records <paramref name="address"/> from <paramref name="from"/>; returns
    /// the new address's sequence and the sequences of those it ended.
    /// </summary>
    public static async Task<(int Next, IReadOnlyList<int> Ended)> ReplaceCurrentAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, RecordParty.PostalAddressInput address, LocalDate from)
    {
        var args = new { council = council.Value, partyId };
        var current = (await connection.QueryAsync<(int Seq, LocalDate From)>(
            "select address_seq, valid_from from party_address where council_id = @council and party_id = @partyId and valid_to is null", args, tx)).ToList();
        foreach (var (seq, validFrom) in current)
        {
            // An address recorded and replaced on the same day still keeps a one-day interval, so its history stays valid.
            var to = validFrom < from ? from.PlusDays(-1) : validFrom;
            await connection.ExecuteAsync(
                "update party_address set valid_to = @to where council_id = @council and party_id = @partyId and address_seq = @seq",
                new { council = council.Value, partyId, seq, to }, tx);
        }

        var next = 1 + await connection.ExecuteScalarAsync<int>(
            "select coalesce(max(address_seq), 0) from party_address where council_id = @council and party_id = @partyId", args, tx);
        await connection.ExecuteAsync(
            "insert into party_address (council_id, party_id, address_seq, uprn, address_line1, address_line2, address_line3, town, postcode, valid_from) " +
            "values (@council, @partyId, @next, @uprn, @l1, @l2, @l3, @town, @postcode, @from)",
            new
            {
                council = council.Value, partyId, next, uprn = address.Uprn, l1 = address.Line1.Trim(), l2 = Blank(address.Line2), l3 = Blank(address.Line3),
                town = address.Town.Trim(), postcode = Postcodes.Normalise(address.Postcode), from,
            }, tx);
        return (next, current.Select(c => c.Seq).ToList());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
