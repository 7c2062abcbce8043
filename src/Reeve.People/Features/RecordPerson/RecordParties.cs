using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// Adds many people and organisations at once, each with their first name record and address, as an import that meets
/// new customers does: one block of ids and one bulk write per table, inside the caller's transaction. The same records
/// as <see cref="RecordParty"/> makes one at a time (no contacts: files of customers carry none).
/// </summary>
public static class RecordParties
{
    public sealed record NewParty(PartyKind Kind, NameParts Name, LocalDate KnownFrom, RecordParty.PostalAddressInput? Address);

    /// <summary>Returns the new parties' ids in the order given, or the first refused name as Invalid with its index.</summary>
    public static async Task<Outcome<IReadOnlyList<long>>> RecordAllAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<NewParty> parties, string officer, Instant now, CancellationToken ct = default)
    {
        for (var i = 0; i < parties.Count; i++)
        {
            if (parties[i].Name.Problem(parties[i].Kind) is { } problem)
            {
                var field = problem.Split(':')[0];
                return new Outcome<IReadOnlyList<long>>.Invalid($"parties[{i}].{field}", problem[(field.Length + 2)..]);
            }
        }

        if (parties.Count == 0)
        {
            return Array.Empty<long>();
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "party", parties.Count);
        var rows = parties.Select((p, i) => new Row(council.Value, first + i, p, officer, now)).ToList();
        var dialect = SqlDialect.Of(connection);
        await dialect.WriteAllAsync(connection, tx, "party", PartyShape, rows, ct);
        await dialect.WriteAllAsync(connection, tx, "party_name", NameShape, rows, ct);
        await dialect.WriteAllAsync(connection, tx, "party_address", AddressShape, rows.Where(r => r.Party.Address is not null).ToList(), ct);
        return rows.Select(r => r.PartyId).ToList();
    }

    private sealed record Row(int Council, long PartyId, NewParty Party, string Officer, Instant Now)
    {
        public RecordParty.PostalAddressInput Address => Party.Address!;
    }

    private static readonly BulkTable<Row> PartyShape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council)
        .Int8("party_id", r => r.PartyId)
        .Text("kind", r => r.Party.Kind == PartyKind.Person ? "person" : "organisation")
        .Int4("version", _ => 1)
        .Instant("created_at", r => r.Now);

    private static readonly BulkTable<Row> NameShape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council)
        .Int8("party_id", r => r.PartyId)
        .Int4("name_seq", _ => 1)
        .Text("title", r => r.Party.Name.Title)
        .Text("forenames", r => r.Party.Name.Forenames)
        .Text("surname", r => r.Party.Name.Surname)
        .Text("organisation_name", r => r.Party.Name.OrganisationName)
        .Text("display_name", r => r.Party.Name.DisplayName)
        .Text("search_key", r => r.Party.Name.SearchKey)
        .Date("effective_from", r => r.Party.KnownFrom)
        .Text("reason", _ => "First recorded")
        .Instant("recorded_at", r => r.Now)
        .Text("recorded_by", r => r.Officer);

    private static readonly BulkTable<Row> AddressShape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council)
        .Int8("party_id", r => r.PartyId)
        .Int4("address_seq", _ => 1)
        .Int8("uprn", r => r.Address.Uprn)
        .Text("address_line1", r => r.Address.Line1)
        .Text("address_line2", r => r.Address.Line2)
        .Text("address_line3", r => r.Address.Line3)
        .Text("town", r => r.Address.Town)
        .Text("postcode", r => r.Address.Postcode)
        .Date("valid_from", r => r.Party.KnownFrom);
}
