#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Net.Mail;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.People;

/// <summary>
/// Adds a new person or organisation from the officer's form or the API, after the likely-duplicate check: when
/// someone already on file may be the same (same surname and first name, date of birth, or the same address), the
/// officer is shown who and why and must say that none of them is before the new record is saved. Going live needs
/// this: a move-in can only pick someone already on file.
/// </summary>
public static class AddParty
{
    /// <summary>A possible match scoring this or more is shown before saving (same surname and first name is 45).</summary>
    public const int ShowFrom = 40;

    public const int MaxNameLength = 100;

    public sealed record Request(RecordParty.Request Party, bool NoneOfTheseIsTheSame);

    public sealed record PossibleMatch(long PartyId, string Name, LocalDate? DateOfBirth, string? Address, int Score, string Reasons);

    public abstract record Result
    {
        public sealed record Added(long PartyId) : Result;

        public sealed record Invalid(string Field, string Message) : Result;

        /// <summary>Nothing saved: these may be the same, and the officer has not said they are not.</summary>
        public sealed record PossibleDuplicates(IReadOnlyList<PossibleMatch> Matches) : Result;
    }

    public static async Task<Result> HandleAsync(DbConnection connection, DbTransaction tx, Request request, LocalDate today, string officer, Instant now)
    {
        var party = request.Party;
        if (Problem(party, today) is { } problem)
        {
            return problem;
        }

        party = party with
        {
            Address = party.Address is { } a ? a with { Postcode = Postcodes.Normalise(a.Postcode) } : null,
            Contacts = party.Contacts.Select(c => (c.Kind, c.Value.Trim())).ToList(),
        };
        var matches = await PossibleMatchesAsync(connection, tx, party);
        if (matches.Count > 0 && !request.NoneOfTheseIsTheSame)
        {
            return new Result.PossibleDuplicates(matches);
        }

        return await RecordParty.RecordAsync(connection, tx, party, officer, now) switch
        {
            Outcome<long>.Done { Value: var id } => new Result.Added(id),
            Outcome<long>.Invalid invalid => new Result.Invalid(invalid.Field, invalid.Message),
            var other => throw new InvalidOperationException($"Recording a party gave {other}"),
        };
    }

    /// <summary>What is wrong with the request, field by field, in the words the form uses; null when nothing is.</summary>
    public static Result.Invalid? Problem(RecordParty.Request party, LocalDate today)
    {
        if (party.Name.Problem(party.Kind) is { } name)
        {
            var field = name.Split(':')[0];
            return new Result.Invalid(field, name[(field.Length + 2)..]);
        }

        foreach (var (field, value, label) in new[]
                 {
                     ("title", party.Name.Title, "Title"), ("forenames", party.Name.Forenames, "First names"), ("surname", party.Name.Surname, "Surname"),
                     ("organisationName", party.Name.OrganisationName, "The organisation's name"),
                     ("line1", party.Address?.Line1, "Address line 1"), ("line2", party.Address?.Line2, "Address line 2"),
                     ("line3", party.Address?.Line3, "Address line 3"), ("town", party.Address?.Town, "Town or city"),
                 })
        {
            if (value is { Length: > MaxNameLength })
            {
                return new Result.Invalid(field, $"{label} must be {MaxNameLength} characters or fewer");
            }
        }

        if (party.DateOfBirth is { } born && (born > today || born < today.PlusYears(-130)))
        {
            return new Result.Invalid("dateOfBirth", born > today ? "Date of birth must be in the past" : "Date of birth must be within the last 130 years");
        }

        if (party.Address is { } a)
        {
            if (string.IsNullOrWhiteSpace(a.Line1))
            {
                return new Result.Invalid("line1", "Enter address line 1, typically the building and street");
            }

            if (string.IsNullOrWhiteSpace(a.Town))
            {
                return new Result.Invalid("town", "Enter the town or city");
            }

            if (!Postcodes.IsValid(a.Postcode))
            {
                return new Result.Invalid("postcode", "Enter a real postcode, like AA1 1AA");
            }
        }

        foreach (var (kind, value) in party.Contacts)
        {
            if (kind == "email" && (value.Length > 254 || !MailAddress.TryCreate(value.Trim(), out var mail) || mail.Address != value.Trim() || !mail.Host.Contains('.', StringComparison.Ordinal)))
            {
                return new Result.Invalid("email", "Enter an email address in the correct format, like name@example.com");
            }

            if (kind == "phone" && !IsPhone(value))
            {
                return new Result.Invalid("phone", "Enter a telephone number, like 01632 960 001 or 07700 900 982");
            }
        }

        return null;
    }

    private static bool IsPhone(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).Count();
        return value.Length <= 30 && digits is >= 10 and <= 15 && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
    }

    /// <summary>
    /// People already on file who may be the one being added: sharing a surname (any name they have had) or a date of
    /// birth, scored as the duplicate list scores them; organisations with the same name. Highest score first.
    /// </summary>
    public static async Task<IReadOnlyList<PossibleMatch>> PossibleMatchesAsync(DbConnection connection, DbTransaction? tx, RecordParty.Request party)
    {
        var council = party.Council.Value;
        if (party.Kind == PartyKind.Organisation)
        {
            var same = await connection.QueryAsync<long>(
                "select distinct n.party_id from party_name n join party p on p.council_id = n.council_id and p.party_id = n.party_id " +
                "where n.council_id = @council and p.merged_into is null and n.search_key = @key",
                new { council, key = party.Name.SearchKey }, tx);
            return await DescribeAsync(connection, tx, party.Council, same.Select(id => (id, 100, "same name")).ToList());
        }

        var ids = (await connection.QueryAsync<long>(
            "select distinct p.party_id from party p join party_name n on n.council_id = p.council_id and n.party_id = p.party_id " +
            "where p.council_id = @council and p.kind = 'person' and p.merged_into is null " +
            "and (lower(n.surname) = @surname" + (party.DateOfBirth is null ? ")" : " or p.date_of_birth = @dob)"),
            new { council, surname = party.Name.Surname!.Trim().ToLowerInvariant(), dob = party.DateOfBirth }, tx)).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var args = new { council, ids };
        var dialect = SqlDialect.Of(connection);
        var heads = (await connection.QueryAsync<(long party_id, LocalDate? date_of_birth)>(
            "select party_id, date_of_birth from party where council_id = @council and party_id " + dialect.AnyOf("ids"), args, tx)).ToDictionary(h => h.party_id);
        var names = (await connection.QueryAsync<(long party_id, string forenames, string surname)>(
            "select party_id, coalesce(forenames, '') as forenames, coalesce(surname, '') as surname from party_name where council_id = @council and party_id " +
            dialect.AnyOf("ids") + " order by party_id, name_seq", args, tx)).ToLookup(n => n.party_id);
        var addresses = (await connection.QueryAsync<(long party_id, long? uprn, string postcode)>(
            "select party_id, uprn, postcode from party_address where council_id = @council and party_id " + dialect.AnyOf("ids"), args, tx)).ToLookup(a => a.party_id);
        var added = new MatchProfile(0, party.DateOfBirth, [(party.Name.Forenames ?? "", party.Name.Surname ?? "")],
            party.Address is { } a ? [(a.Uprn, a.Postcode)] : []);
        var scored = ids.Where(id => names[id].Any())
            .Select(id => (id, LikelyDuplicates.Score(added, new MatchProfile(id, heads[id].date_of_birth,
                names[id].Select(n => (n.forenames, n.surname)).ToList(), addresses[id].Select(x => (x.uprn, x.postcode)).ToList()))))
            .Where(x => x.Item2.Score >= ShowFrom)
            .Select(x => (x.id, x.Item2.Score, string.Join("; ", x.Item2.Reasons)))
            .ToList();
        return await DescribeAsync(connection, tx, party.Council, scored);
    }

    private static async Task<IReadOnlyList<PossibleMatch>> DescribeAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyList<(long Id, int Score, string Reasons)> scored)
    {
        var result = new List<PossibleMatch>();
        foreach (var (id, score, reasons) in scored.OrderByDescending(s => s.Score).ThenBy(s => s.Id).Take(10))
        {
            if (await PartyReader.GetAsync(connection, council, id, tx) is { } p)
            {
                result.Add(new PossibleMatch(id, p.DisplayName, p.DateOfBirth, p.Addresses.OrderBy(x => x.Sequence).LastOrDefault()?.OneLine, score, reasons));
            }
        }

        return result;
    }
}
