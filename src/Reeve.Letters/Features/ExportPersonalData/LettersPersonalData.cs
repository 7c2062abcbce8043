using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>
/// What Letters holds on a person beyond the letters themselves (which the pack carries as PDFs): their consent to
/// email and text, post returned undelivered, and the emails and texts sent through GOV.UK Notify with the address
/// or number each went to.
/// </summary>
public sealed class LettersPersonalData : IPersonalDataSource
{
    public string Module => "Letters";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "letters/consent-to-email-and-text.csv",
            "select channel, address, given_on, withdrawn_on, recorded_by from contact_consent where council_id = @council and party_id = @party order by consent_seq",
            new("by", "channel"), new("email or number", "address"), new("given", "given_on", Shown.Date), new("withdrawn", "withdrawn_on", Shown.Date),
            new("recorded by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "letters/returned-post.csv",
            "select address_seq, returned_on, cleared_on, recorded_by from returned_mail where council_id = @council and party_id = @party order by returned_on",
            new("address (in personal-details.csv order)", "address_seq"), new("returned", "returned_on", Shown.Date),
            new("cleared", "cleared_on", Shown.Date), new("recorded by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "letters/emails-and-texts-sent.csv",
            "select n.notice_id, l.letter_type, l.channel, n.recipient, n.status, n.updated_at from notify_message n " +
            "join letter_notice l on l.council_id = n.council_id and l.notice_id = n.notice_id " +
            "where n.council_id = @council and l.account_id {accounts} order by n.notice_id",
            new("notice", "notice_id"), new("kind", "letter_type"), new("by", "channel"), new("sent to", "recipient"),
            new("status", "status"), new("last updated", "updated_at", Shown.Instant)),
    ];
}
