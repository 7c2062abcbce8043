using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Domain.DirectDebit;

/// <summary>The payer's side of a mandate, as a collection needs it.</summary>
public sealed record MandatePayer(long MandateId, long AccountId, string PayerName, SortCode SortCode, AccountNumber AccountNumber, string Reference);

/// <summary>
/// An instalment due under a live mandate. <see cref="NoticeGivenOn"/> is the later of the bill's issue day and
/// the day the mandate was signed: the bill's instalment schedule is the advance notice (formats.md 3). It is null
/// when the debt stream cannot say when the payer was sent the schedule: then no notice is on record and the
/// instalment is not collected.
/// </summary>
public sealed record DueInstalment(
    MandatePayer Payer,
    LocalDate? LodgedOn,
    bool CollectedBefore,
    bool IsFinal,
    FinancialYear Year,
    LocalDate DueOn,
    Money Amount,
    LocalDate? NoticeGivenOn);

/// <summary>A collection returned unpaid with a reason that allows one re-presentation (ARUDD 0, formats.md 3).</summary>
public sealed record ReturnedCollection(
    MandatePayer Payer,
    long CollectionId,
    FinancialYear Year,
    LocalDate DueOn,
    Money Amount,
    LocalDate OriginalProcessingDate,
    LocalDate ReturnedOn,
    bool AccountHeld = false);

public sealed record PlannedCollection(MandatePayer Payer, FinancialYear Year, LocalDate DueOn, int Attempt, TransactionCode Code, Money Amount, long? RePresents);

public sealed record SkippedCollection(MandatePayer Payer, LocalDate DueOn, Money Amount, string Reason);

/// <param name="Expired">Returned collections whose month for re-presentation has passed: they are now unpaid.</param>
/// <param name="Withdrawn">Returned collections not presented again because recovery is now held on the account: they are now unpaid.</param>
public sealed record CollectionPlan(
    LocalDate ProcessingDate,
    LocalDate EntryDate,
    IReadOnlyList<PlannedCollection> Collections,
    IReadOnlyList<SkippedCollection> Skipped,
    IReadOnlyList<ReturnedCollection> Expired,
    IReadOnlyList<ReturnedCollection>? Withdrawn = null)
{
    public IReadOnlyList<ReturnedCollection> Withdrawn { get; } = Withdrawn ?? [];

    public Money Total => Money.Sum(Collections.Select(c => c.Amount));
}

/// <summary>
/// Which Direct Debits go in the file for one Bacs processing day (formats.md 1.7 and 3), as a pure function
/// of what is due. The file's entry day is the next working day; an instalment is in it if its due day moves to
/// that entry day (late is within the rules, early is not), its mandate was lodged long enough ago, and its
/// payer had the advance notice.
/// </summary>
public static class CollectionPlanner
{
    /// <summary>Notice recommended before a re-presentation (AccessPaySuite, formats.md 3), counted from the day the return was imported.</summary>
    public const int RePresentationNoticeWorkingDays = 5;

    /// <summary>
    /// When a debit returned on <paramref name="returnedOn"/> is presented again: the first processing day after the
    /// payer's notice, and the day the money leaves the payer's account, which the re-presentation letter names.
    /// </summary>
    public static CollectionDays RePresentationDays(LocalDate returnedOn, WorkingDays calendar)
    {
        var processing = calendar.AddWorkingDays(returnedOn, RePresentationNoticeWorkingDays);
        return new CollectionDays(calendar.AddWorkingDays(processing, -1), processing, calendar.AddWorkingDays(processing, 1));
    }

    /// <summary>The due days whose collection is processed on <paramref name="processingDate"/>: the day after it up to the entry day.</summary>
    public static (LocalDate From, LocalDate To) DueWindow(LocalDate processingDate, WorkingDays calendar) =>
        (processingDate.PlusDays(1), calendar.AddWorkingDays(processingDate, 1));

    public static CollectionPlan Plan(
        LocalDate processingDate,
        WorkingDays calendar,
        int lodgementLeadWorkingDays,
        IEnumerable<DueInstalment> due,
        IEnumerable<ReturnedCollection> returned)
    {
        if (!calendar.IsWorkingDay(processingDate))
        {
            throw new ArgumentException($"{processingDate:uuuu-MM-dd} is not a Bacs processing day", nameof(processingDate));
        }

        var entryDate = calendar.AddWorkingDays(processingDate, 1);
        var collections = new List<PlannedCollection>();
        var skipped = new List<SkippedCollection>();
        var firstInThisFile = new HashSet<long>();
        var ordered = due.ToList();
        if (!InOrder(ordered))
        {
            ordered.Sort(ByMandateThenDue);
        }

        // The notice and lead-time limits depend only on dates shared by many mandates: worked out once per date.
        var noticeRunsTo = new Dictionary<LocalDate, LocalDate>();
        var leadRunsTo = new Dictionary<LocalDate, LocalDate>();
        foreach (var d in ordered)
        {
            if (!d.Amount.IsPositive)
            {
                continue;
            }

            if (d.LodgedOn is not { } lodgedOn)
            {
                skipped.Add(new SkippedCollection(d.Payer, d.DueOn, d.Amount, "the mandate has not been lodged with AUDDIS yet"));
                continue;
            }

            if (!leadRunsTo.TryGetValue(lodgedOn, out var firstProcessing))
            {
                firstProcessing = calendar.AddWorkingDays(lodgedOn, lodgementLeadWorkingDays);
                leadRunsTo[lodgedOn] = firstProcessing;
            }

            if (!d.CollectedBefore && firstProcessing > processingDate)
            {
                skipped.Add(new SkippedCollection(d.Payer, d.DueOn, d.Amount,
                    $"lodged on {lodgedOn:uuuu-MM-dd}: the first collection can be processed from {firstProcessing:uuuu-MM-dd}"));
                continue;
            }

            // Direct Debit Guarantee: 10 working days' notice of the amount and date before a collection (formats.md 3).
            if (d.NoticeGivenOn is not { } noticeGivenOn)
            {
                skipped.Add(new SkippedCollection(d.Payer, d.DueOn, d.Amount, "no advance notice of this instalment is on record"));
                continue;
            }

            if (!noticeRunsTo.TryGetValue(noticeGivenOn, out var earliest))
            {
                earliest = CollectionDates.EarliestCollection(noticeGivenOn, calendar);
                noticeRunsTo[noticeGivenOn] = earliest;
            }

            if (earliest > entryDate)
            {
                skipped.Add(new SkippedCollection(d.Payer, d.DueOn, d.Amount,
                    $"notice given on {noticeGivenOn:uuuu-MM-dd}: 10 working days' advance notice runs to {earliest:uuuu-MM-dd}"));
                continue;
            }

            // One 01 per mandate: a second instalment in the same file is already a regular collection.
            var code = d.IsFinal ? TransactionCode.FinalCollection
                : !d.CollectedBefore && firstInThisFile.Add(d.Payer.MandateId) ? TransactionCode.FirstCollection
                : TransactionCode.RegularCollection;
            collections.Add(new PlannedCollection(d.Payer, d.Year, d.DueOn, 1, code, d.Amount, null));
        }

        var expired = new List<ReturnedCollection>();
        var withdrawn = new List<ReturnedCollection>();
        foreach (var r in returned.OrderBy(r => r.Payer.MandateId).ThenBy(r => r.DueOn))
        {
            // A re-presentation is allowed up to a month from the original processing day (formats.md 3).
            if (processingDate > r.OriginalProcessingDate.PlusMonths(1))
            {
                expired.Add(r);
                continue;
            }

            if (r.AccountHeld)
            {
                // Never re-presented while recovery is held on the account (a moratorium, a dispute): it becomes unpaid.
                withdrawn.Add(r);
                continue;
            }

            var noticeEnds = RePresentationDays(r.ReturnedOn, calendar).ProcessingDay;
            if (processingDate < noticeEnds)
            {
                skipped.Add(new SkippedCollection(r.Payer, r.DueOn, r.Amount,
                    $"returned on {r.ReturnedOn:uuuu-MM-dd}: re-presented from {noticeEnds:uuuu-MM-dd}, after the payer's notice"));
                continue;
            }

            collections.Add(new PlannedCollection(r.Payer, r.Year, r.DueOn, 2, TransactionCode.RePresentation, r.Amount, r.CollectionId));
        }

        return new CollectionPlan(processingDate, entryDate, collections, skipped, expired, withdrawn);
    }

    private static int ByMandateThenDue(DueInstalment x, DueInstalment y)
    {
        var byMandate = x.Payer.MandateId.CompareTo(y.Payer.MandateId);
        return byMandate != 0 ? byMandate : x.DueOn != y.DueOn ? x.DueOn.CompareTo(y.DueOn) : x.Year.CompareTo(y.Year);
    }

    // What is due usually comes read in mandate order already: one pass to see, rather than a sort of a million.
    private static bool InOrder(List<DueInstalment> due)
    {
        for (var i = 1; i < due.Count; i++)
        {
            if (ByMandateThenDue(due[i - 1], due[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
