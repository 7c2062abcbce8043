#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>Reads people and organisations back, and finds them by any name they have had.</summary>
public static class PartyReader
{
    public sealed record Match(long PartyId, string DisplayName, LocalDate? DateOfBirth, string? Address);

    public static async Task<Party?> GetAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var args = new { council = council.Value, partyId };
        var head = await connection.QuerySingleOrDefaultAsync<PartyRow>(
            "select party_id, kind, date_of_birth, deceased_on, version from party where council_id = @council and party_id = @partyId", args, tx);
        if (head is null)
        {
            return null;
        }

        var names = await connection.QueryAsync<NameRow>(
            "select name_seq, title, forenames, surname, organisation_name, effective_from, reason, recorded_at, recorded_by from party_name where council_id = @council and party_id = @partyId order by name_seq", args, tx);
        var contacts = await connection.QueryAsync<ContactRow>(
            "select contact_seq, kind, value, is_preferred from party_contact where council_id = @council and party_id = @partyId order by contact_seq", args, tx);
        var addresses = await connection.QueryAsync<AddressRow>(
            "select address_seq, uprn, address_line1, address_line2, address_line3, town, postcode, valid_from, valid_to from party_address where council_id = @council and party_id = @partyId order by address_seq", args, tx);
        return new Party(
            council, head.party_id, head.kind == "person" ? PartyKind.Person : PartyKind.Organisation,
            head.date_of_birth,
            head.deceased_on,
            head.version,
            names.Select(n => new PartyName(n.name_seq, n.title, n.forenames, n.surname, n.organisation_name,
                n.effective_from, n.reason, n.recorded_at, n.recorded_by)).ToList(),
            contacts.Select(c => new ContactDetail(c.contact_seq, c.kind, c.value, c.is_preferred)).ToList(),
            addresses.Select(a => new PostalAddress(a.address_seq, a.uprn, a.address_line1, a.address_line2, a.address_line3, a.town, a.postcode,
                a.valid_from, a.valid_to)).ToList());
    }

    /// <summary>People whose current or former names contain every word typed, current name shown (the first page).</summary>
    public static async Task<IReadOnlyList<Match>> SearchAsync(DbConnection connection, CouncilId council, string text, int limit = 50) =>
        (await SearchPageAsync(connection, council, text, 1, limit)).Items;

    /// <summary>
    /// People matching every word typed, where each word may be in a name they have had or in the postcode of
    /// one of their addresses (so "Smith SW1A 1AA" finds the Smiths at that postcode), one page at a time with the
    /// count of all. A postcode typed without its space matches too.
    /// </summary>
    public static async Task<ResultPage<Match>> SearchPageAsync(DbConnection connection, CouncilId council, string text, int pageNumber, int pageSize)
    {
        var parameters = new DynamicParameters(new { council = council.Value, limit = pageSize, offset = ResultPage.Offset(pageNumber, pageSize) });
        // One name and at most one address's postcode must hold every word between them: a former surname with
        // the current forename is no match. Only the postcode is searched, not the street: "Hill" should find
        // the Hills, not everyone on Hill Road.
        var postcode = "lower(a.postcode || ' ' || replace(a.postcode, ' ', ''))";
        var words = WordSearch.EachWord(text, 6, parameters, word => $"n.search_key like {word} or {postcode} like {word}");
        if (words is null)
        {
            return ResultPage.Empty<Match>(pageSize);
        }

        var conditions =
            "exists (select 1 from party_name n left join party_address a on a.council_id = n.council_id and a.party_id = n.party_id " +
            "where n.council_id = p.council_id and n.party_id = p.party_id and " + words + ")";
        var where = " from party p where p.council_id = @council and " + conditions;
        var total = await connection.ExecuteScalarAsync<long>("select count(*)" + where, parameters);
        var sql =
            "select p.party_id, cur.display_name, p.date_of_birth, " +
            "(select a.address_line1 || ', ' || a.postcode from party_address a where a.council_id = p.council_id and a.party_id = p.party_id order by a.address_seq desc limit 1) as address " +
            "from party p " +
            "join party_name cur on cur.council_id = p.council_id and cur.party_id = p.party_id and cur.name_seq = (select max(m.name_seq) from party_name m where m.council_id = p.council_id and m.party_id = p.party_id) " +
            "where p.council_id = @council and " + conditions + " order by cur.display_name, p.party_id limit @limit offset @offset";
        var rows = await connection.QueryAsync<MatchRow>(sql, parameters);
        var items = rows.Select(r => new Match(r.party_id, r.display_name, r.date_of_birth, r.address)).ToList();
        return new ResultPage<Match>(items, (int)total, Math.Max(1, pageNumber), pageSize);
    }

    private sealed class PartyRow
    {
        public long party_id { get; set; }
        public string kind { get; set; } = "";
        public LocalDate? date_of_birth { get; set; }
        public LocalDate? deceased_on { get; set; }
        public int version { get; set; }
    }

    private sealed class NameRow
    {
        public int name_seq { get; set; }
        public string? title { get; set; }
        public string? forenames { get; set; }
        public string? surname { get; set; }
        public string? organisation_name { get; set; }
        public LocalDate effective_from { get; set; }
        public string reason { get; set; } = "";
        public Instant recorded_at { get; set; }
        public string recorded_by { get; set; } = "";
    }

    private sealed class ContactRow
    {
        public int contact_seq { get; set; }
        public string kind { get; set; } = "";
        public string value { get; set; } = "";
        public bool is_preferred { get; set; }
    }

    private sealed class AddressRow
    {
        public int address_seq { get; set; }
        public long? uprn { get; set; }
        public string address_line1 { get; set; } = "";
        public string? address_line2 { get; set; }
        public string? address_line3 { get; set; }
        public string town { get; set; } = "";
        public string postcode { get; set; } = "";
        public LocalDate valid_from { get; set; }
        public LocalDate? valid_to { get; set; }
    }

    private sealed class MatchRow
    {
        public long party_id { get; set; }
        public string display_name { get; set; } = "";
        public LocalDate? date_of_birth { get; set; }
        public string? address { get; set; }
    }
}
