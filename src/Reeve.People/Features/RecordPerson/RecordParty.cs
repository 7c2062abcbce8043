using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>Adds a person or organisation with their first name record, contacts and address.</summary>
public static class RecordParty
{
    public sealed record Request(
        CouncilId Council,
        PartyKind Kind,
        NameParts Name,
        LocalDate? DateOfBirth,
        LocalDate KnownFrom,
        IReadOnlyList<(string Kind, string Value)> Contacts,
        PostalAddressInput? Address);

    public sealed record PostalAddressInput(long? Uprn, string Line1, string? Line2, string? Line3, string Town, string Postcode);

    public static async Task<Outcome<long>> RecordAsync(DbConnection connection, DbTransaction tx, Request request, string officer, Instant now)
    {
        if (request.Name.Problem(request.Kind) is { } problem)
        {
            var field = problem.Split(':')[0];
            return new Outcome<long>.Invalid(field, problem[(field.Length + 2)..]);
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, request.Council, "party", 1);
        await connection.ExecuteAsync(
            "insert into party (council_id, party_id, kind, date_of_birth, version, created_at) values (@council, @id, @kind, @dob, 1, @now)",
            new
            {
                council = request.Council.Value, id, kind = request.Kind == PartyKind.Person ? "person" : "organisation",
                dob = request.DateOfBirth, now,
            },
            tx);
        await PartyNames.InsertAsync(connection, tx, request.Council, id, 1, request.Name, request.KnownFrom, "First recorded", officer, now);
        var seq = 1;
        foreach (var (kind, value) in request.Contacts)
        {
            await connection.ExecuteAsync(
                "insert into party_contact (council_id, party_id, contact_seq, kind, value, is_preferred, recorded_at) values (@council, @id, @seq, @kind, @value, @preferred, @now)",
                new { council = request.Council.Value, id, seq, kind, value, preferred = seq == 1, now },
                tx);
            seq++;
        }

        if (request.Address is { } a)
        {
            await connection.ExecuteAsync(
                "insert into party_address (council_id, party_id, address_seq, uprn, address_line1, address_line2, address_line3, town, postcode, valid_from) " +
                "values (@council, @id, 1, @uprn, @l1, @l2, @l3, @town, @postcode, @from)",
                new
                {
                    council = request.Council.Value, id, uprn = a.Uprn, l1 = a.Line1, l2 = a.Line2, l3 = a.Line3, town = a.Town,
                    postcode = a.Postcode, from = request.KnownFrom,
                },
                tx);
        }

        return id;
    }
}
