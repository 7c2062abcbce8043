using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// An officer edits a person or organisation on file: a change of name (kept as history, with when and why), a corrected
/// date of birth, the current contact details, and a new correspondence address (the old one ends the day before). Each
/// part is optional; the party's version guards against two officers editing at once. The caller writes the audit row in
/// the same transaction.
/// </summary>
public static class ChangePartyDetails
{
    public sealed record NameChange(NameParts Name, LocalDate EffectiveFrom, string Reason);

    public sealed record NewAddress(RecordParty.PostalAddressInput Address, LocalDate From);

    public sealed record Request(
        CouncilId Council,
        long PartyId,
        int ExpectedVersion,
        NameChange? Name,
        LocalDate? DateOfBirth,
        bool ClearDateOfBirth,
        IReadOnlyList<(string Kind, string Value)>? Contacts,
        NewAddress? Address);

    /// <summary>The changes made, in words for the audit trail and the officer's notice; empty when nothing changed.</summary>
    public sealed record Changed(int Version, IReadOnlyList<string> What);

    public static async Task<Outcome<Changed>> HandleAsync(DbConnection connection, DbTransaction tx, Request request, LocalDate today, string officer, Instant now)
    {
        var party = await PartyReader.GetAsync(connection, request.Council, request.PartyId, tx);
        if (party is null)
        {
            return new Outcome<Changed>.NotFound($"person or organisation {request.PartyId}");
        }

        var name = request.Name?.Name ?? new NameParts(party.CurrentName.Title, party.CurrentName.Forenames, party.CurrentName.Surname, party.CurrentName.OrganisationName);
        var check = new RecordParty.Request(request.Council, party.Kind, name, request.DateOfBirth, today, request.Contacts ?? [], request.Address?.Address);
        if (AddParty.Problem(check, today) is { } problem)
        {
            return new Outcome<Changed>.Invalid(problem.Field, problem.Message);
        }

        if (request.Name is { } change && (string.IsNullOrWhiteSpace(change.Reason) || change.Reason.Length > 200))
        {
            return new Outcome<Changed>.Invalid("reason", "Say why the name has changed, in 200 characters or fewer");
        }

        if (request.Name is { EffectiveFrom: var effective } && effective > today)
        {
            return new Outcome<Changed>.Invalid("nameFrom", "The date the name changed must be today or in the past");
        }

        if (request.Address is { From: var movedOn } && (movedOn > today.PlusDays(30) || movedOn < today.PlusYears(-10)))
        {
            return new Outcome<Changed>.Invalid("addressFrom", "The date of the new address must be within the last 10 years or the next 30 days");
        }

        if (party.Kind == PartyKind.Organisation && (request.DateOfBirth is not null || request.ClearDateOfBirth))
        {
            return new Outcome<Changed>.Invalid("dateOfBirth", "An organisation has no date of birth");
        }

        var bumped = await connection.ExecuteAsync(
            "update party set version = version + 1 where council_id = @council and party_id = @partyId and version = @expected",
            new { council = request.Council.Value, partyId = request.PartyId, expected = request.ExpectedVersion }, tx);
        if (bumped == 0)
        {
            return new Outcome<Changed>.Conflict(Concurrency.ConflictMessage);
        }

        var what = new List<string>();
        if (request.Name is { } n && n.Name.DisplayName != party.DisplayName)
        {
            var next = await connection.ExecuteScalarAsync<int>(
                "select coalesce(max(name_seq), 0) + 1 from party_name where council_id = @council and party_id = @partyId",
                new { council = request.Council.Value, partyId = request.PartyId }, tx);
            await PartyNames.InsertAsync(connection, tx, request.Council, request.PartyId, next, n.Name, n.EffectiveFrom, n.Reason.Trim(), officer, now);
            what.Add($"name from {party.DisplayName} to {n.Name.DisplayName} ({n.Reason.Trim()})");
        }

        var dob = request.ClearDateOfBirth ? null : request.DateOfBirth ?? party.DateOfBirth;
        if (dob != party.DateOfBirth)
        {
            await connection.ExecuteAsync("update party set date_of_birth = @dob where council_id = @council and party_id = @partyId",
                new { council = request.Council.Value, partyId = request.PartyId, dob }, tx);
            what.Add($"date of birth from {Describe(party.DateOfBirth)} to {Describe(dob)}");
        }

        if (request.Contacts is { } contacts)
        {
            var before = party.Contacts.Select(c => (c.Kind, c.Value)).ToList();
            var after = contacts.Select(c => (c.Kind, Value: c.Value.Trim())).Where(c => c.Value.Length > 0).ToList();
            if (!before.SequenceEqual(after))
            {
                await connection.ExecuteAsync("delete from party_contact where council_id = @council and party_id = @partyId",
                    new { council = request.Council.Value, partyId = request.PartyId }, tx);
                var seq = 1;
                foreach (var (kind, value) in after)
                {
                    await connection.ExecuteAsync(
                        "insert into party_contact (council_id, party_id, contact_seq, kind, value, is_preferred, recorded_at) values (@council, @partyId, @seq, @kind, @value, @preferred, @now)",
                        new { council = request.Council.Value, partyId = request.PartyId, seq, kind, value, preferred = seq == 1, now }, tx);
                    seq++;
                }

                what.Add($"contact details from {Describe(before)} to {Describe(after)}");
            }
        }

        if (request.Address is { } address)
        {
            await PartyAddresses.ReplaceCurrentAsync(connection, tx, request.Council, request.PartyId, address.Address, address.From);
            what.Add($"correspondence address to {address.Address.Line1.Trim()}, {address.Address.Town.Trim()} from {DateText.LongForm.Format(address.From)}");
        }

        return new Outcome<Changed>.Done(new Changed(request.ExpectedVersion + 1, what));
    }

    private static string Describe(LocalDate? date) => date is { } d ? DateText.LongForm.Format(d) : "not known";

    private static string Describe(IReadOnlyList<(string Kind, string Value)> contacts) =>
        contacts.Count == 0 ? "none" : string.Join(", ", contacts.Select(c => $"{c.Kind} {c.Value}"));
}
