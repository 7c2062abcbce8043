using NodaTime;
using Reeve.Kernel;

namespace Reeve.BusinessRates.Domain;

/// <summary>What an occupation's bill for a year depends on: the days occupied, the reliefs the officer has found apply, and the rateable value history.</summary>
public sealed record OccupationFacts(
    LocalDate OccupiedFrom,
    LocalDate? OccupiedTo,
    bool Charity,
    bool SmallBusiness,
    bool RetailHospitalityLeisure,
    IReadOnlyList<RateableValuePeriod> Values);

/// <summary>The rates for one stretch of days at one rateable value.</summary>
public sealed record BillSegment(DateInterval Days, long RateableValuePounds, RatesResult Rates);

public sealed record BillWorking(FinancialYear Year, IReadOnlyList<BillSegment> Segments, Money Net, IReadOnlyList<ExplanationStep> Explanation);

/// <summary>
/// An occupied hereditament's rates for a financial year, day by day (LGFA 1988 s43: the charge for each chargeable
/// day is worked separately): the occupied days in the year are cut where the rateable value changes, each stretch is
/// charged through <see cref="RatesCharge"/>, and the stretches are added up.
/// </summary>
public static class RatesBill
{
    public static BillWorking Work(FinancialYear year, OccupationFacts facts, RatesFigures figures)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var from = Later(facts.OccupiedFrom, year.FirstDay);
        var to = facts.OccupiedTo is { } end && end < year.LastDay ? end : year.LastDay;
        var segments = new List<BillSegment>();
        var steps = new List<ExplanationStep>();
        for (var day = from; day <= to;)
        {
            var value = ValueOn(facts.Values, day);
            var valueEnd = value?.To ?? RatingLists.LastDayOf(value?.ListYear ?? RatingLists.ListYearOf(day)) ?? to;
            var next = value is null ? NextValueFrom(facts.Values, day) : null;
            var last = Earlier(to, value is null ? (next?.PlusDays(-1) ?? to) : valueEnd);
            if (value is not null)
            {
                var days = new DateInterval(day, last);
                var rates = RatesCharge.Calculate(new RatesCase(year, value.RateableValuePounds, days, Occupied: true,
                    facts.RetailHospitalityLeisure, facts.Charity, facts.SmallBusiness && !facts.Charity), figures);
                segments.Add(new BillSegment(days, value.RateableValuePounds, rates));
                steps.Add(new ExplanationStep($"{DateText.Iso.Format(day)} to {DateText.Iso.Format(last)} at rateable value {value.RateableValuePounds:N0}", rates.NetRates, "LGFA 1988 s43"));
                steps.AddRange(rates.Explanation);
            }

            day = last.PlusDays(1);
        }

        var net = Money.Sum(segments.Select(s => s.Rates.NetRates));
        steps.Add(new ExplanationStep($"Rates for {year}", net, "LGFA 1988 s43"));
        return new BillWorking(year, segments, net, steps);
    }

    private static RateableValuePeriod? ValueOn(IReadOnlyList<RateableValuePeriod> values, LocalDate day) =>
        values.Where(v => v.ListYear == RatingLists.ListYearOf(day) && v.From <= day && (v.To is null || day <= v.To)).MaxBy(v => v.From);

    private static LocalDate? NextValueFrom(IReadOnlyList<RateableValuePeriod> values, LocalDate day) =>
        values.Where(v => v.From > day).Select(v => (LocalDate?)v.From).Min();

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Earlier(LocalDate a, LocalDate b) => a < b ? a : b;
}
