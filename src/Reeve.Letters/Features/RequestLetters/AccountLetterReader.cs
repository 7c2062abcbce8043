#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Letters;

/// <summary>
/// Who a letter on an account goes to and from: the council's letterhead, the account reference, the liable
/// people's names and the address to write to, and whether post to that address has come back "gone away".
/// </summary>
public sealed record AccountLetterFacts(
    CouncilDetails Council,
    AccountReference Reference,
    Addressee Recipient,
    ReturnedMailMark? GoneAway);

/// <summary>Mail to this address came back on this date: the party, and the address (0 is the dwelling itself).</summary>
public sealed record ReturnedMailMark(long PartyId, int AddressSequence, NodaTime.LocalDate ReturnedOn);

public static class AccountLetterReader
{
    /// <summary>The facts for one account; reads only.</summary>
    public static async Task<Outcome<AccountLetterFacts>> ReadAsync(DbConnection connection, CouncilId council, long accountId)
    {
        var account = await AccountStore.GetAsync(connection, council, accountId);
        if (account is null)
        {
            return new Outcome<AccountLetterFacts>.NotFound($"account {accountId}");
        }

        var details = await CouncilLetterDetails.GetAsync(connection, null, council)
            ?? throw new InvalidOperationException($"Account {accountId} belongs to council {council.Value}, which does not exist");
        var links = await AccountStore.PartiesAsync(connection, council, accountId);
        var current = links.Where(l => l.LiableTo is null).ToList();
        var parties = new List<Party>();
        foreach (var partyId in (current.Count > 0 ? current : links).Select(p => p.PartyId).Distinct())
        {
            parties.Add(await PartyReader.GetAsync(connection, council, partyId)
                ?? throw new InvalidOperationException($"Account {account.Reference.Value} names party {partyId}, who is not recorded"));
        }

        if (parties.Count == 0)
        {
            return new Outcome<AccountLetterFacts>.Invalid("account", $"account {account.Reference.Value} has nobody liable to write to");
        }

        var property = account.Uprn is { } uprn ? await PropertyStore.GetAsync(connection, council, uprn) : null;
        var written = WrittenTo(parties);
        PostalAddress address;
        if (written is not null)
        {
            address = new PostalAddress(Addressing.Lines(written.Value.Address.Line1, written.Value.Address.Line2, written.Value.Address.Line3, written.Value.Address.Town),
                written.Value.Address.Postcode);
        }
        else if (property is not null)
        {
            address = Addressing.Correspondence(parties, property);
        }
        else
        {
            return new Outcome<AccountLetterFacts>.Invalid("account", $"account {account.Reference.Value} has no address to write to");
        }

        var partyAt = written?.PartyId ?? parties[0].PartyId;
        var sequence = written?.Address.Sequence ?? 0;
        var mark = await ReturnedMail.CurrentAsync(connection, council, partyAt, sequence);
        return new AccountLetterFacts(details, account.Reference,
            new Addressee(Addressing.Names(parties.Select(p => p.DisplayName).ToList()), address), mark);
    }

    /// <summary>The first liable person's current correspondence address, the same choice the demand notice makes.</summary>
    private static (long PartyId, Reeve.People.PostalAddress Address)? WrittenTo(IReadOnlyList<Party> parties) =>
        parties
            .SelectMany(p => p.Addresses.Where(a => a.ValidTo is null).OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.Sequence).Take(1)
                .Select(a => ((long PartyId, Reeve.People.PostalAddress Address)?)(p.PartyId, a)))
            .FirstOrDefault();
}

/// <summary>
/// Returned mail: a letter came back marked "gone away". Until the mark is cleared, paper notices to that address
/// are held rather than printed (sending more post to an address known to be wrong discloses the debt to whoever
/// lives there now, and proves nothing was served).
/// </summary>
public static class ReturnedMail
{
    /// <summary>Marks the address gone away and opens a trace task for the person (or answers the one already open).</summary>
    public static async Task<TraceTask> MarkAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, int addressSequence,
        NodaTime.LocalDate returnedOn, string officer, NodaTime.Instant now)
    {
        await connection.ExecuteAsync(
            "insert into returned_mail (council_id, party_id, address_seq, returned_on, cleared_on, recorded_by, recorded_at) " +
            "values (@council, @partyId, @addressSequence, @returnedOn, null, @officer, @now) on conflict do nothing",
            new { council = council.Value, partyId, addressSequence, returnedOn, officer, now },
            tx);
        return await TraceTasks.OpenForGoneAwayAsync(connection, tx, council, partyId, returnedOn, officer);
    }

    public static async Task ClearAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, int addressSequence, NodaTime.LocalDate clearedOn)
    {
        await connection.ExecuteAsync(
            "update returned_mail set cleared_on = @clearedOn where council_id = @council and party_id = @partyId and address_seq = @addressSequence and cleared_on is null",
            new { council = council.Value, partyId, addressSequence, clearedOn }, tx);
    }

    public static async Task<ReturnedMailMark?> CurrentAsync(DbConnection connection, CouncilId council, long partyId, int addressSequence)
    {
        var returned = await connection.ExecuteScalarAsync<NodaTime.LocalDate?>(
            "select returned_on from returned_mail where council_id = @council and party_id = @partyId and address_seq = @addressSequence and cleared_on is null " +
            "order by returned_on desc limit 1",
            new { council = council.Value, partyId, addressSequence });
        return returned is { } on ? new ReturnedMailMark(partyId, addressSequence, on) : null;
    }
}
