#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A consent as recorded on a person: the preference, and who recorded it.</summary>
public sealed record RecordedConsent(long PartyId, int Sequence, ContactPreference Preference, string RecordedBy, Instant RecordedAt);

/// <summary>
/// A person's consent to be sent notices by email or text message, and its withdrawal. Each consent is a row;
/// a withdrawal dates the row, it does not delete it, so what was in force on any day can be shown.
/// </summary>
public static class ContactConsents
{
    public static async Task<Outcome<RecordedConsent>> GiveAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, Channel channel, string address, LocalDate givenOn, string officer, Instant now)
    {
        if (channel == Channel.Letter)
        {
            return new Outcome<RecordedConsent>.Invalid("channel", "paper needs no consent");
        }

        var trimmed = address.Trim();
        var problem = channel switch
        {
            Channel.Email when !System.Net.Mail.MailAddress.TryCreate(trimmed, out _) => "Enter an email address in the correct format, like name@example.com",
            Channel.Sms when !UkMobile(trimmed) => "Enter a UK mobile number, like 07700 900 982",
            _ => null,
        };
        if (problem is not null)
        {
            return new Outcome<RecordedConsent>.Invalid("address", problem);
        }

        // A new consent for a channel replaces the one before it: the earlier row is withdrawn on the same day.
        await connection.ExecuteAsync(
            "update contact_consent set withdrawn_on = @givenOn where council_id = @council and party_id = @partyId and channel = @channel and withdrawn_on is null",
            new { council = council.Value, partyId, channel = channel.Code(), givenOn }, tx);
        var sequence = await connection.ExecuteScalarAsync<int>(
            "select coalesce(max(consent_seq), 0) + 1 from contact_consent where council_id = @council and party_id = @partyId",
            new { council = council.Value, partyId }, tx);
        await connection.ExecuteAsync(
            "insert into contact_consent (council_id, party_id, consent_seq, channel, address, given_on, withdrawn_on, recorded_by, recorded_at) " +
            "values (@council, @partyId, @sequence, @channel, @trimmed, @givenOn, null, @officer, @now)",
            new { council = council.Value, partyId, sequence, channel = channel.Code(), trimmed, givenOn, officer, now },
            tx);
        return new RecordedConsent(partyId, sequence, new ContactPreference(channel, trimmed, givenOn, null), officer, now);
    }

    public static async Task<int> WithdrawAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, Channel channel, LocalDate withdrawnOn) =>
        await connection.ExecuteAsync(
            "update contact_consent set withdrawn_on = @withdrawnOn where council_id = @council and party_id = @partyId and channel = @channel and withdrawn_on is null",
            new { council = council.Value, partyId, channel = channel.Code(), withdrawnOn }, tx);

    public static async Task<IReadOnlyList<RecordedConsent>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            "select party_id, consent_seq, channel, address, given_on, withdrawn_on, recorded_by, recorded_at from contact_consent " +
            "where council_id = @council and party_id = @partyId order by consent_seq", new { council = council.Value, partyId }, tx))
        .Select(r => r.ToConsent()).ToList();

    /// <summary>The consents of everyone currently liable on an account.</summary>
    public static async Task<IReadOnlyList<ContactPreference>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId)
    {
        // Everyone liable now, from the Ledger; a person liable twice on the account counts once.
        var liable = (await AccountStore.PartiesOfAsync(connection, council, [accountId])).Where(p => p.LiableTo is null).Select(p => p.PartyId).Distinct().Order().ToArray();
        if (liable.Length == 0)
        {
            return [];
        }

        var consents = (await connection.QueryAsync<Row>(
            "select party_id, consent_seq, channel, address, given_on, withdrawn_on, recorded_by, recorded_at from contact_consent " +
            "where council_id = @council and party_id " + SqlLists.AnyOf(connection, "liable"),
            new { council = council.Value, liable })).ToList();
        return liable.SelectMany(p => consents.Where(c => c.party_id == p).OrderByDescending(c => c.consent_seq)).Select(r => r.ToConsent().Preference).ToList();
    }

    private static bool UkMobile(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return number.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')')
            && (digits.StartsWith("07", StringComparison.Ordinal) && digits.Length == 11 || digits.StartsWith("447", StringComparison.Ordinal) && digits.Length == 12);
    }

    private sealed class Row
    {
        public long party_id { get; set; }
        public int consent_seq { get; set; }
        public string channel { get; set; } = "";
        public string address { get; set; } = "";
        public LocalDate given_on { get; set; }
        public LocalDate? withdrawn_on { get; set; }
        public string recorded_by { get; set; } = "";
        public Instant recorded_at { get; set; }

        public RecordedConsent ToConsent() => new(party_id, consent_seq,
            new ContactPreference(LetterTypes.ChannelFromCode(channel), address, given_on, withdrawn_on),
            recorded_by, recorded_at);
    }
}
