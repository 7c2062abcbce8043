#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.People;

public enum MoratoriumKind
{
    Standard,
    MentalHealthCrisis,
}

/// <summary>A Breathing Space notification as the Insolvency Service sends it, entered by an officer or read from a CSV line.</summary>
public sealed record BreathingSpaceNotice(
    MoratoriumKind Kind, string Reference, LocalDate StartDate, string Source, string Name, LocalDate? DateOfBirth, string? Postcode, long? PartyId = null);

public sealed record BreathingSpace(
    long MoratoriumId, long? PartyId, MoratoriumKind Kind, string Reference, LocalDate StartDate, LocalDate? EndDate,
    LocalDate? TreatmentEndedOn, string Source, string Status, string NotifiedName, LocalDate? NotifiedDateOfBirth, string? NotifiedPostcode)
{
    public string Title => Kind == MoratoriumKind.Standard ? "Standard Breathing Space" : "Mental health crisis Breathing Space";

    /// <summary>Its midway review and the council's requests for review, oldest first (loaded with the person's moratoriums).</summary>
    public IReadOnlyList<BreathingSpaceReview> Reviews { get; init; } = [];

    /// <summary>Why it ended, when that was recorded (the daily duty that ends one past its last day always says).</summary>
    public string? EndReason { get; init; }

    /// <summary>Past day 35 of a standard moratorium in force with no midway review recorded (SI 2020/1311 reg 27(2)).</summary>
    public bool MidwayReviewOverdueOn(LocalDate today) => BreathingSpaceReviews.MidwayReviewOverdue(this, Reviews, today);
}

/// <summary>
/// Breathing Space (Debt Respite Scheme) moratoriums under SI 2020/1311. From the start date every account of the person
/// is held (recovery, enforcement referral, payment-request letters, fees) with a <c>breathing-space</c> or
/// <c>mental-health-crisis</c> hold, source key <c>breathing-space:{moratorium}:{account}</c>. A standard one ends after
/// 60 days; a mental health crisis one 30 days after the crisis treatment ends. A notification for someone Reeve cannot
/// match waits in the matching queue until an officer matches it: it is never dropped.
/// </summary>
public static class BreathingSpaces
{
    public const string Source = "Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020 (SI 2020/1311)";

    public static string Code(this MoratoriumKind kind) => kind == MoratoriumKind.Standard ? "standard" : "mental-health-crisis";

    public static MoratoriumKind? KindFromCode(string? code) => code switch
    {
        "standard" => MoratoriumKind.Standard,
        "mental-health-crisis" => MoratoriumKind.MentalHealthCrisis,
        _ => null,
    };

    /// <summary>The last day of a standard moratorium: day 60 counting the start date as day 1.</summary>
    public static LocalDate StandardLastDay(LocalDate start) => start.PlusDays(59);

    /// <summary>The last day of a mental health crisis moratorium: 30 days after the crisis treatment ends.</summary>
    public static LocalDate CrisisLastDay(LocalDate treatmentEnded) => treatmentEnded.PlusDays(30);

    /// <summary>
    /// Records a notification. Matched to a person (given, or by exactly one person with the same name and date of
    /// birth) it holds their accounts at once; otherwise it goes to the matching queue. A reference seen before
    /// returns the moratorium already recorded, so a notification imported twice is recorded once.
    /// </summary>
    public static async Task<Outcome<BreathingSpace>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, BreathingSpaceNotice n, string officer, Instant now)
    {
        if (Refused(n) is { } refused)
        {
            return refused;
        }

        if (await ByReferenceAsync(connection, council, n.Reference.Trim(), tx) is { } existing)
        {
            return existing;
        }

        var partyId = n.PartyId ?? await MatchAsync(connection, council, n.Name, n.DateOfBirth, tx);
        if (n.PartyId is { } given && await PartyReader.GetAsync(connection, council, given) is null)
        {
            return new Outcome<BreathingSpace>.NotFound($"person {given}");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "breathing_space", 1);
        LocalDate? end = n.Kind == MoratoriumKind.Standard ? StandardLastDay(n.StartDate) : null;
        await connection.ExecuteAsync(
            "insert into breathing_space (council_id, moratorium_id, party_id, kind, reference, start_date, end_date, source, notified_name, notified_date_of_birth, " +
            "notified_postcode, status, recorded_by, recorded_at) values (@council, @id, @party, @kind, @reference, @start, @end, @source, @name, @dob, @postcode, @status, @officer, @now)",
            new
            {
                council = council.Value, id, party = partyId, kind = n.Kind.Code(), reference = n.Reference.Trim(), start = n.StartDate,
                end, source = n.Source, name = n.Name.Trim(),
                dob = n.DateOfBirth, postcode = n.Postcode?.Trim(),
                status = partyId is null ? "unmatched" : "active", officer, now,
            },
            tx);
        var space = (await GetAsync(connection, council, id, tx))!;
        if (partyId is { } person)
        {
            await HoldAccountsAsync(connection, tx, council, space, person, officer, now);
        }

        return space;
    }

    /// <summary>
    /// The limits on a notification, whether an officer typed it or a file brought it: Kernel's rules for a reference,
    /// a name, a postcode, a source and dates, so a notification that fails them matches no one and holds nothing.
    /// </summary>
    public static Outcome<BreathingSpace>.Invalid? Refused(BreathingSpaceNotice n)
    {
        (string Field, string? Message)[] checks =
        [
            ("reference", FieldRules.Reference(n.Reference, "The Insolvency Service's reference")),
            ("name", FieldRules.Name(n.Name, "The name on the notification")),
            ("postcode", FieldRules.Postcode(n.Postcode, "The postcode on the notification", required: false)),
            ("source", FieldRules.Text(n.Source, "Where the notification came from")),
            ("start_date", FieldRules.Date(n.StartDate, "The start date")),
            ("date_of_birth", n.DateOfBirth is { } born ? FieldRules.Period(born, n.StartDate, "The start date", "The date of birth") : null),
        ];
        return checks.FirstOrDefault(c => c.Message is not null) is ({ } field, { } message) ? new Outcome<BreathingSpace>.Invalid(field, message) : null;
    }

    /// <summary>An officer matches a queued notification to a person: their accounts are held from the moratorium's start.</summary>
    public static async Task<Outcome<BreathingSpace>> MatchToPersonAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, long partyId, string officer, Instant now)
    {
        var space = await GetAsync(connection, council, moratoriumId, tx);
        if (space is null)
        {
            return new Outcome<BreathingSpace>.NotFound($"Breathing Space {moratoriumId}");
        }

        if (space.Status != "unmatched")
        {
            return new Outcome<BreathingSpace>.Invalid("moratorium", "This notification is already matched");
        }

        if (await PartyReader.GetAsync(connection, council, partyId) is null)
        {
            return new Outcome<BreathingSpace>.NotFound($"person {partyId}");
        }

        await connection.ExecuteAsync(
            "update breathing_space set party_id = @partyId, status = 'active' where council_id = @council and moratorium_id = @moratoriumId",
            new { council = council.Value, partyId, moratoriumId }, tx);
        space = (await GetAsync(connection, council, moratoriumId, tx))!;
        await HoldAccountsAsync(connection, tx, council, space, partyId, officer, now);
        return space;
    }

    /// <summary>
    /// Ends a moratorium early (cancelled) or at its end, or sets the end of a mental health crisis one from the day the
    /// crisis treatment ended. The holds end on the moratorium's last day and recovery resumes the day after.
    /// </summary>
    public static async Task<Outcome<BreathingSpace>> EndAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, LocalDate lastDay, bool cancelled, LocalDate? treatmentEnded,
        string officer, Instant now, string? why = null)
    {
        var space = await GetAsync(connection, council, moratoriumId, tx);
        if (space is null)
        {
            return new Outcome<BreathingSpace>.NotFound($"Breathing Space {moratoriumId}");
        }

        if (space.Kind == MoratoriumKind.MentalHealthCrisis && !cancelled)
        {
            if (treatmentEnded is not { } ended)
            {
                return new Outcome<BreathingSpace>.Invalid("treatmentEndedOn", "Enter the day the mental health crisis treatment ended: the moratorium ends 30 days later");
            }

            lastDay = CrisisLastDay(ended);
        }

        if (lastDay < space.StartDate.PlusDays(-1))
        {
            return new Outcome<BreathingSpace>.Invalid("endDate", $"The Breathing Space started on {space.StartDate:uuuu-MM-dd}; it cannot end before then");
        }

        await connection.ExecuteAsync(
            "update breathing_space set end_date = @end, treatment_ended_on = @treatment, status = @status, end_reason = coalesce(@why, end_reason) " +
            "where council_id = @council and moratorium_id = @moratoriumId",
            new
            {
                council = council.Value, moratoriumId, end = lastDay,
                treatment = treatmentEnded, status = cancelled ? "cancelled" : "ended", why,
            },
            tx);
        await WorkQueue.CloseAsync(connection, tx, council, BreathingSpaceEnds.WorkSource, BreathingSpaceEnds.WorkKey(moratoriumId), now);
        foreach (var hold in await AccountHolds.BySourcePrefixAsync(connection, tx, council, HoldKeyPrefix(moratoriumId)))
        {
            await AccountHolds.EndAsync(connection, tx, council, hold.HoldId, lastDay, officer, now);
        }

        return (await GetAsync(connection, council, moratoriumId, tx))!;
    }

    /// <summary>The start of the source key of every hold a moratorium places: one hold per account, keyed by the account after it.</summary>
    internal static string HoldKeyPrefix(long moratoriumId) => string.Create(CultureInfo.InvariantCulture, $"breathing-space:{moratoriumId}:");

    public static async Task<IReadOnlyList<BreathingSpace>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId)
    {
        var reviews = await BreathingSpaceReviews.ForPartyAsync(connection, council, partyId);
        return (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and party_id = @partyId order by start_date desc", new { council = council.Value, partyId }))
            .Select(r => r.To()).Select(b => reviews.TryGetValue(b.MoratoriumId, out var found) ? b with { Reviews = found } : b).ToList();
    }

    /// <summary>The matching queue: notifications not yet matched to a person, oldest first.</summary>
    public static async Task<IReadOnlyList<BreathingSpace>> UnmatchedAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and status = 'unmatched' order by start_date, moratorium_id", new { council = council.Value }))
        .Select(r => r.To()).ToList();

    public static async Task<BreathingSpace?> GetAsync(DbConnection connection, CouncilId council, long moratoriumId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and moratorium_id = @moratoriumId",
            new { council = council.Value, moratoriumId }, tx))?.To();

    private static async Task<BreathingSpace?> ByReferenceAsync(DbConnection connection, CouncilId council, string reference, DbTransaction tx) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and reference = @reference",
            new { council = council.Value, reference }, tx))?.To();

    // A match needs the current name and the date of birth to agree and to pick out one person; anything less is
    // left to an officer, because holding the wrong person's accounts (or missing the right one's) both do harm.
    private static async Task<long?> MatchAsync(DbConnection connection, CouncilId council, string name, LocalDate? dateOfBirth, DbTransaction tx)
    {
        if (dateOfBirth is not { } dob)
        {
            return null;
        }

        var ids = (await connection.QueryAsync<long>(
            "select p.party_id from party p join party_name n on n.council_id = p.council_id and n.party_id = p.party_id " +
            "and n.name_seq = (select max(m.name_seq) from party_name m where m.council_id = p.council_id and m.party_id = p.party_id) " +
            "where p.council_id = @council and p.date_of_birth = @dob and lower(coalesce(n.forenames, '') || ' ' || coalesce(n.surname, '')) = @name and p.merged_into is null",
            new { council = council.Value, dob, name = string.Join(' ', name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant() },
            tx)).Distinct().ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    private static async Task HoldAccountsAsync(DbConnection connection, DbTransaction tx, CouncilId council, BreathingSpace space, long partyId, string officer, Instant now)
    {
        var reason = space.Kind == MoratoriumKind.Standard ? HoldReason.BreathingSpace : HoldReason.MentalHealthCrisis;
        var why = space.Kind == MoratoriumKind.Standard
            ? $"{space.Title} {space.Reference} from {space.StartDate:uuuu-MM-dd} to {space.EndDate:uuuu-MM-dd} (60 days): no recovery, enforcement, payment requests, interest or fees on the debt ({Source})"
            : $"{space.Title} {space.Reference} from {space.StartDate:uuuu-MM-dd} until 30 days after the crisis treatment ends: no recovery, enforcement, payment requests, interest or fees on the debt ({Source})";
        foreach (var account in (await PersonAccounts.LoadAsync(connection, council, partyId, tx)).Select(a => a.Account.AccountId).Distinct())
        {
            var placed = await AccountHolds.PlaceAsync(connection, tx, council,
                new PlaceHold(account, reason, space.StartDate, space.EndDate, why, officer,
                    HoldKeyPrefix(space.MoratoriumId) + account.ToString(CultureInfo.InvariantCulture)),
                now);
            if (placed is not Outcome<AccountHold>.Done)
            {
                throw new InvalidOperationException($"Could not hold account {account} for Breathing Space {space.Reference}: {placed}");
            }
        }
    }

    private sealed class Row
    {
        public const string Select =
            "select moratorium_id, party_id, kind, reference, start_date, end_date, treatment_ended_on, source, status, notified_name, notified_date_of_birth, notified_postcode, end_reason from breathing_space";

        public long moratorium_id { get; set; }
        public long? party_id { get; set; }
        public string kind { get; set; } = "";
        public string reference { get; set; } = "";
        public LocalDate start_date { get; set; }
        public LocalDate? end_date { get; set; }
        public LocalDate? treatment_ended_on { get; set; }
        public string source { get; set; } = "";
        public string status { get; set; } = "";
        public string notified_name { get; set; } = "";
        public LocalDate? notified_date_of_birth { get; set; }
        public string? notified_postcode { get; set; }
        public string? end_reason { get; set; }

        public BreathingSpace To() => new(
            moratorium_id, party_id, KindFromCode(kind) ?? MoratoriumKind.Standard, reference, start_date,
            end_date, treatment_ended_on,
            source, status, notified_name, notified_date_of_birth, notified_postcode) { EndReason = end_reason };
    }
}
