#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>The grounds on which a creditor may ask the debt adviser to review a moratorium (SI 2020/1311 reg 17(1) and (2)).</summary>
public enum ReviewGround
{
    /// <summary>Reg 17(1)(a): the moratorium unfairly prejudices the council's interests.</summary>
    UnfairPrejudice,
    /// <summary>Reg 17(2)(a): the debtor did not meet the eligibility criteria when they applied.</summary>
    NotEligible,
    /// <summary>Reg 17(2)(b): a moratorium debt is not a qualifying debt.</summary>
    NotQualifyingDebt,
    /// <summary>Reg 17(2)(c): the debtor has enough to pay their debts as they fall due.</summary>
    SufficientFunds,
}

/// <summary>A midway review by the debt adviser, or the council's request for a review.</summary>
public sealed record BreathingSpaceReview(
    long ReviewId, long MoratoriumId, string Kind, LocalDate On, string Outcome, ReviewGround? Grounds, string? Reason, string RecordedBy)
{
    public bool IsMidway => Kind == "midway";

    public string Describe() => Kind == "midway"
        ? $"Midway review on {On:uuuu-MM-dd}: " + (Outcome == "cancelled" ? $"cancelled ({Reason})" : "the Breathing Space continues" + (Reason is { } r ? $" ({r})" : ""))
        : $"The council asked for a review on {On:uuuu-MM-dd}: {BreathingSpaceReviews.Describe(Grounds!.Value)}" + (Reason is { } why ? $" ({why})" : "");
}

/// <summary>
/// Reviews of a Breathing Space under SI 2020/1311. The debt adviser must carry out a midway review of a standard
/// moratorium (reg 27): not within the 25 days beginning with its start (reg 27(3)), and finished before the end of
/// the 35 days beginning with its start (reg 27(2)), so from day 26 to day 35 counting the start as day 1. Its outcome
/// is that the moratorium continues or is cancelled (reg 27(5)); a cancellation ends the holds as an officer's
/// cancellation does. As a creditor the council may itself ask for a review within the 20 days beginning with the start
/// (reg 17(3)), on the grounds in reg 17(1) and (2); the adviser answers within 35 days (reg 18(1)).
/// </summary>
public static class BreathingSpaceReviews
{
    /// <summary>The first day a midway review may be carried out: day 26 (reg 27(3)).</summary>
    public static LocalDate MidwayFrom(LocalDate start) => start.PlusDays(25);

    /// <summary>The last day for the midway review: day 35 (reg 27(2)).</summary>
    public static LocalDate MidwayBy(LocalDate start) => start.PlusDays(34);

    /// <summary>The last day the council may ask for a review: day 20 (reg 17(3)).</summary>
    public static LocalDate RequestBy(LocalDate start) => start.PlusDays(19);

    public static string Code(this ReviewGround ground) => ground switch
    {
        ReviewGround.UnfairPrejudice => "unfair-prejudice",
        ReviewGround.NotEligible => "not-eligible",
        ReviewGround.NotQualifyingDebt => "not-qualifying-debt",
        ReviewGround.SufficientFunds => "sufficient-funds",
    };

    public static string Describe(ReviewGround ground) => ground switch
    {
        ReviewGround.UnfairPrejudice => "it unfairly prejudices the council's interests (reg 17(1)(a))",
        ReviewGround.NotEligible => "the debtor was not eligible when they applied (reg 17(2)(a))",
        ReviewGround.NotQualifyingDebt => "a debt in it is not a qualifying debt (reg 17(2)(b))",
        ReviewGround.SufficientFunds => "the debtor has enough to pay their debts as they fall due (reg 17(2)(c))",
    };

    public static ReviewGround? GroundFromCode(string? code) =>
        Enum.GetValues<ReviewGround>().Where(g => g.Code() == code).Select(g => (ReviewGround?)g).FirstOrDefault();

    /// <summary>
    /// A standard moratorium in force on <paramref name="today"/> whose day 35 has passed with no midway review recorded:
    /// the debt adviser should be chased (reg 27(2)).
    /// </summary>
    public static bool MidwayReviewOverdue(BreathingSpace space, IReadOnlyList<BreathingSpaceReview> reviews, LocalDate today) =>
        space.Kind == MoratoriumKind.Standard && space.Status == "active" && today > MidwayBy(space.StartDate)
        && (space.EndDate is not { } end || today <= end) && !reviews.Any(r => r.IsMidway);

    /// <summary>Records the debt adviser's midway review; a cancellation ends the moratorium on the review date.</summary>
    public static async Task<Outcome<BreathingSpaceReview>> RecordMidwayAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, LocalDate reviewedOn, bool cancelled, string? reason, string officer, Instant now)
    {
        var space = await BreathingSpaces.GetAsync(connection, council, moratoriumId, tx);
        if (space is null)
        {
            return new Outcome<BreathingSpaceReview>.NotFound($"Breathing Space {moratoriumId}");
        }

        if (space.Kind != MoratoriumKind.Standard)
        {
            return new Outcome<BreathingSpaceReview>.Invalid("moratorium", "A mental health crisis Breathing Space has no midway review: reg 27 is for a standard one");
        }

        if (space.Status != "active")
        {
            return new Outcome<BreathingSpaceReview>.Invalid("moratorium", $"This Breathing Space is {space.Status}: only one in force can be reviewed");
        }

        if (reviewedOn < MidwayFrom(space.StartDate) || reviewedOn > MidwayBy(space.StartDate))
        {
            return new Outcome<BreathingSpaceReview>.Invalid("reviewedOn",
                $"The midway review is carried out from day 26 to day 35 of the Breathing Space (SI 2020/1311 reg 27(2) and (3)): between {MidwayFrom(space.StartDate):d MMMM uuuu} and {MidwayBy(space.StartDate):d MMMM uuuu}");
        }

        if (cancelled && string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome<BreathingSpaceReview>.Invalid("reason", "Enter why the debt adviser cancelled the Breathing Space (reg 27(5))");
        }

        if ((await ForMoratoriumAsync(connection, council, moratoriumId, tx)).Any(r => r.IsMidway))
        {
            return new Outcome<BreathingSpaceReview>.Conflict("The midway review of this Breathing Space is already recorded");
        }

        var review = await InsertAsync(connection, tx, council, moratoriumId, "midway", reviewedOn, cancelled ? "cancelled" : "continues", null, reason, officer, now);
        if (cancelled)
        {
            var ended = await BreathingSpaces.EndAsync(connection, tx, council, moratoriumId, reviewedOn, cancelled: true, null, officer, now);
            if (ended is not Outcome<BreathingSpace>.Done)
            {
                throw new InvalidOperationException($"Breathing Space {moratoriumId} could not be cancelled at its midway review: {ended}");
            }
        }

        await NoteOnAccountsAsync(connection, tx, council, moratoriumId, reviewedOn, review.Describe(), officer, now);
        return review;
    }

    /// <summary>Records that the council, as a creditor, asked the debt adviser for a review (reg 17).</summary>
    public static async Task<Outcome<BreathingSpaceReview>> RecordCouncilRequestAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, LocalDate requestedOn, ReviewGround grounds, string? detail, string officer, Instant now)
    {
        var space = await BreathingSpaces.GetAsync(connection, council, moratoriumId, tx);
        if (space is null)
        {
            return new Outcome<BreathingSpaceReview>.NotFound($"Breathing Space {moratoriumId}");
        }

        if (space.Status != "active")
        {
            return new Outcome<BreathingSpaceReview>.Invalid("moratorium", $"This Breathing Space is {space.Status}: a review can only be asked for one in force");
        }

        if (requestedOn < space.StartDate || requestedOn > RequestBy(space.StartDate))
        {
            return new Outcome<BreathingSpaceReview>.Invalid("requestedOn",
                $"A creditor may ask for a review within 20 days of the start (SI 2020/1311 reg 17(3)): between {space.StartDate:d MMMM uuuu} and {RequestBy(space.StartDate):d MMMM uuuu}");
        }

        if (string.IsNullOrWhiteSpace(detail))
        {
            return new Outcome<BreathingSpaceReview>.Invalid("detail", "Enter the evidence the council gave the debt adviser for the review");
        }

        var review = await InsertAsync(connection, tx, council, moratoriumId, "council-request", requestedOn, "requested", grounds, detail, officer, now);
        await NoteOnAccountsAsync(connection, tx, council, moratoriumId, requestedOn, review.Describe(), officer, now);
        return review;
    }

    public static async Task<IReadOnlyList<BreathingSpaceReview>> ForMoratoriumAsync(DbConnection connection, CouncilId council, long moratoriumId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and moratorium_id = @moratoriumId order by review_date, review_id",
            new { council = council.Value, moratoriumId }, tx)).Select(r => r.To()).ToList();

    /// <summary>Every review of the person's moratoriums, by moratorium.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<BreathingSpaceReview>>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and moratorium_id in (select moratorium_id from breathing_space where council_id = @council and party_id = @partyId) " +
            "order by review_date, review_id", new { council = council.Value, partyId }))
        .Select(r => r.To()).GroupBy(r => r.MoratoriumId).ToDictionary(g => g.Key, g => (IReadOnlyList<BreathingSpaceReview>)g.ToList());

    /// <summary>The work queue: standard moratoriums in force today past day 35 with no midway review recorded, oldest first.</summary>
    public static async Task<IReadOnlyList<BreathingSpace>> MidwayOverdueAsync(DbConnection connection, CouncilId council, LocalDate today)
    {
        var candidates = await connection.QueryAsync<long>(
            "select b.moratorium_id from breathing_space b where b.council_id = @council and b.kind = 'standard' and b.status = 'active' " +
            "and b.start_date <= @latestStart and (b.end_date is null or b.end_date >= @today) " +
            "and not exists (select 1 from breathing_space_review r where r.council_id = b.council_id and r.moratorium_id = b.moratorium_id and r.kind = 'midway') " +
            "order by b.start_date, b.moratorium_id",
            new { council = council.Value, latestStart = today.PlusDays(-35), today });
        var spaces = new List<BreathingSpace>();
        foreach (var id in candidates)
        {
            spaces.Add((await BreathingSpaces.GetAsync(connection, council, id))!);
        }

        return spaces;
    }

    private static async Task<BreathingSpaceReview> InsertAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, string kind, LocalDate on, string outcome, ReviewGround? grounds, string? reason,
        string officer, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "breathing_space_review", 1);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await connection.ExecuteAsync(
            "insert into breathing_space_review (council_id, review_id, moratorium_id, kind, review_date, outcome, grounds, reason, recorded_by, recorded_at) " +
            "values (@council, @id, @moratoriumId, @kind, @on, @outcome, @grounds, @reason, @officer, @now)",
            new
            {
                council = council.Value, id, moratoriumId, kind, on, outcome, grounds = grounds?.Code(), reason = trimmed, officer,
                now,
            },
            tx);
        return new BreathingSpaceReview(id, moratoriumId, kind, on, outcome, grounds, trimmed, officer);
    }

    // The review goes on the timeline of every account the moratorium holds, where the officer looks for why recovery stopped or started.
    private static async Task NoteOnAccountsAsync(DbConnection connection, DbTransaction tx, CouncilId council, long moratoriumId, LocalDate on, string summary, string officer, Instant now)
    {
        var accounts = (await AccountHolds.BySourcePrefixAsync(connection, tx, council, BreathingSpaces.HoldKeyPrefix(moratoriumId))).Select(h => h.AccountId).Distinct();
        foreach (var account in accounts)
        {
            await AccountEvents.RecordAsync(connection, tx, council, account, now, on, "breathing-space-review", summary, officer, BreathingSpaces.Source);
        }
    }

    private sealed class Row
    {
        public const string Select = "select review_id, moratorium_id, kind, review_date, outcome, grounds, reason, recorded_by from breathing_space_review";

        public long review_id { get; set; }
        public long moratorium_id { get; set; }
        public string kind { get; set; } = "";
        public LocalDate review_date { get; set; }
        public string outcome { get; set; } = "";
        public string? grounds { get; set; }
        public string? reason { get; set; }
        public string recorded_by { get; set; } = "";

        public BreathingSpaceReview To() => new(review_id, moratorium_id, kind, review_date, outcome, GroundFromCode(grounds), reason, recorded_by);
    }
}
