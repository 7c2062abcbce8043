using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Properties;
using Reeve.Work;

namespace Reeve.CouncilTax;

/// <summary>
/// Council Tax's daily duty: a discount, exemption, disregard or reduction whose review date has come, and which has not
/// ended, is work for the Council Tax team until it is reviewed, due <see cref="WorkingDaysToReview"/> working days after
/// the review date. Ending the award answers the review (EndAward closes the item in its transaction and clears the
/// review date); an award whose review date is moved later, or which reaches its own end, comes off the queue at the
/// next daily check.
/// </summary>
public sealed class ReviewsDue : IDailyDuty
{
    public const string Source = "council-tax.award-review";

    public const int WorkingDaysToReview = 10;

    public string Name => "Reviews due";

    public static string Key(long awardId) => awardId.ToString(CultureInfo.InvariantCulture);

    public async Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var due = await DueAsync(connection, tx, day.Council, day.Today);
        await WorkQueue.RaiseManyAsync(connection, tx, day.Council, due, day.Now, ct);
        var closed = await WorkQueue.CloseAllExceptAsync(connection, tx, day.Council, Source, due.Select(d => d.Key).ToList(), day.Now);
        await tx.CommitAsync(ct);
        string?[] said =
        [
            due.Count == 0 ? null : $"{(due.Count == 1 ? "1 award" : $"{due.Count:N0} awards")} due for review on the queue",
            closed == 0 ? null : $"{(closed == 1 ? "1 review" : $"{closed:N0} reviews")} no longer due taken off",
        ];
        return said.Any(s => s is not null) ? string.Join("; ", said.OfType<string>()) : null;
    }

    /// <summary>Ending an award answers its review: the item closes with the change.</summary>
    internal static Task CloseAsync(DbConnection connection, DbTransaction tx, CouncilId council, long awardId, Instant now) =>
        WorkQueue.CloseAsync(connection, tx, council, Source, Key(awardId), now);

    private static async Task<IReadOnlyList<WorkToRaise>> DueAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today)
    {
        var due = (await connection.QueryAsync<Due>(
            "select award_id as AwardId, uprn as Uprn, kind as Kind, code as Code, party_id as PartyId, review_on as ReviewOn from ctax_award " +
            "where council_id = @council and review_on <= @today and (award_to is null or award_to >= @today) order by review_on, award_id",
            new { council = council.Value, today }, tx)).ToList();
        var places = await PropertyStore.GetManyAsync(connection, council, due.Select(d => d.Uprn).Distinct().ToList(), tx);
        return due.Select(d => new WorkToRaise(
                Source, Key(d.AwardId), "Review due",
                $"Review the {Describe(d.Kind)}{(d.Code is { Length: > 0 } code ? $" ({code})" : "")} at " +
                $"{(places.TryGetValue(d.Uprn, out var place) ? place.Line1 : $"UPRN {d.Uprn}")}: review date {DateText.LongForm.Format(d.ReviewOn)}",
                WorkTeams.CouncilTax, WorkingDays.EnglandAndWales.AddWorkingDays(d.ReviewOn, WorkingDaysToReview), WorkClock.WorkingDays, PartyId: d.PartyId))
            .ToList();
    }

    private static string Describe(string kind) => kind switch
    {
        "disregard" => "disregard",
        "exemption" => "exemption",
        "owner-liable" => "owner-liable class",
        "disabled-reduction" => "disabled band reduction",
        "long-term-empty" => "long-term empty premium",
        "second-home" => "second home premium",
        "reduction" => "Council Tax Reduction",
        "local-discount" => "local discount",
        _ => kind,
    };

    /// <summary>Awards whose review date had come when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => ReviewsDue.Source;

        public Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            DueAsync(connection, tx, council, today);
    }

    private sealed class Due
    {
        public long AwardId { get; set; }
        public long Uprn { get; set; }
        public string Kind { get; set; } = "";
        public string? Code { get; set; }
        public long? PartyId { get; set; }
        public LocalDate ReviewOn { get; set; }
    }
}
