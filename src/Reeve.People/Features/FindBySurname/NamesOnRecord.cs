using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>One name a party has gone by: any in their history, not only the current one.</summary>
public sealed record NameOnRecord(long PartyId, string? Forenames, string? Surname, string DisplayName);

/// <summary>
/// Every name in the parties' histories, for modules matching a name someone wrote (a payer's name on a bank
/// credit) against the people they hold: someone may still pay under the name they had before marrying.
/// </summary>
public static class NamesOnRecord
{
    /// <summary>
    /// The ids of at most <paramref name="most"/> parties who have gone by one of these surnames (compared in upper
    /// case; <paramref name="surnames"/> are upper case), lowest id first.
    /// </summary>
    public static async Task<IReadOnlyList<long>> PartiesWithSurnamesAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<string> surnames, int most, DbTransaction? tx = null)
    {
        if (surnames.Count == 0)
        {
            return [];
        }

        return (await connection.QueryAsync<long>(
            $"select distinct party_id from party_name where council_id = @council and upper(surname) {SqlLists.AnyOf(connection, "surnames")} order by party_id limit @most",
            new { council = council.Value, surnames = surnames.Distinct(StringComparer.Ordinal).ToArray(), most }, tx)).ToList();
    }

    /// <summary>Every name each of these parties has gone by, oldest first per party.</summary>
    public static async Task<IReadOnlyList<NameOnRecord>> OfPartiesAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> partyIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<(long PartyId, int Seq, string? Forenames, string? Surname, string Display), long>(connection,
            "select party_id, name_seq, forenames, surname, display_name from party_name where council_id = @council and party_id {ids}", council, partyIds, tx))
        .OrderBy(n => n.PartyId).ThenBy(n => n.Seq)
        .Select(n => new NameOnRecord(n.PartyId, n.Forenames, n.Surname, n.Display)).ToList();
}
