using System.Text.Json.Nodes;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.CouncilTax.Features.CalculateCharge;

/// <summary>
/// `council-tax`: the charge for one liable party on one dwelling for a period within one financial year
/// (shared/contracts.md). Reads the case, calls <see cref="CouncilTaxCharge"/> and, when asked, lays the net
/// charge out in instalments on the dates given.
/// </summary>
public sealed class CouncilTaxCalculator : ICalculator
{
    public string Kind => "council-tax";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var chargeCase = Read(json);
        var result = CouncilTaxCharge.Calculate(chargeCase);
        var steps = result.Explanation.ToList();

        var output = new JsonObject
        {
            ["annualBandCharge"] = JsonOutput.Money(result.AnnualBandCharge),
            ["daysLiable"] = result.DaysLiable,
            ["daysInYear"] = result.DaysInYear,
            ["grossCharge"] = JsonOutput.Money(result.GrossCharge),
            ["discountPercent"] = result.DiscountPercent,
            ["discount"] = JsonOutput.Money(result.Discount),
            ["premiumPercent"] = result.PremiumPercent,
            ["premium"] = JsonOutput.Money(result.Premium),
            ["reduction"] = JsonOutput.Money(result.Reduction),
            ["netCharge"] = JsonOutput.Money(result.NetCharge),
        };

        if (result.Segments.Count > 1)
        {
            output["segments"] = new JsonArray(result.Segments.Select(s => (JsonNode)new JsonObject
            {
                ["from"] = JsonOutput.Date(s.From),
                ["to"] = JsonOutput.Date(s.To),
                ["days"] = s.Days,
                ["premiumPercent"] = s.PremiumPercent,
                ["annualAmount"] = JsonOutput.Money(s.AnnualAmount),
                ["charge"] = JsonOutput.Money(s.Charge),
            }).ToArray());
        }

        if (json.Object("instalments") is { } instalments)
        {
            var count = instalments.Int("count", null, 1, 12);
            var firstDue = instalments.Date("firstDue");
            if (!chargeCase.Year.Contains(firstDue))
            {
                throw instalments.Wrong("firstDue", $"Must fall within the financial year {chargeCase.Year}");
            }

            var dayOfMonth = instalments.Int("dayOfMonth", firstDue.Day, 1, 31);
            if (Domain.Instalments.MonthsFrom(firstDue, chargeCase.Year) < count)
            {
                throw instalments.Wrong("count", $"{count} monthly instalments from {DateText.Iso.Format(firstDue)} would run past 31 March; all instalments fall within the year (CTAE Regs 1992 Sch 1 para 2(4))");
            }

            var plan = Domain.Instalments.Schedule(InstalmentRegime.CouncilTax, result.NetCharge, firstDue, dayOfMonth, count, steps);
            output["instalments"] = JsonOutput.Instalments(plan.Instalments);
        }

        output["explanation"] = JsonOutput.Explanation(steps);
        return output;
    }

    private static ChargeCase Read(JsonInput json)
    {
        var year = json.Year("financialYear");
        var bandD = json.Money("bandDCharge");
        if (!BandRatios.TryParse(json.Text("band"), out var band))
        {
            throw json.Wrong("band", "Must be a valuation band from A to H");
        }

        var from = json.Date("from");
        var to = json.Date("to");
        if (!year.Contains(from))
        {
            throw json.Wrong("from", $"Must fall within the financial year {year} ({DateText.Iso.Format(year.FirstDay)} to {DateText.Iso.Format(year.LastDay)})");
        }

        if (!year.Contains(to))
        {
            throw json.Wrong("to", $"Must fall within the financial year {year} ({DateText.Iso.Format(year.FirstDay)} to {DateText.Iso.Format(year.LastDay)})");
        }

        if (to < from)
        {
            throw json.Wrong("to", "Must not be before 'from'");
        }

        var exemption = json.OptionalText("exemptionClass");
        if (exemption is not null && !ExemptionClasses.IsEnglandClass(exemption, year))
        {
            throw json.Wrong("exemptionClass", $"'{exemption}' is not an England exemption class for {year}; the classes are {ExemptionClasses.ValidLettersFor(year)}");
        }

        var premium = ReadPremium(json, year, to);

        // Residents decide the discount; with an exemption or a premium there is none, so they may be left out.
        var residentsNeeded = exemption is null && premium is null;
        var adults = json.Int("adultResidents", residentsNeeded ? null : 0, 0);
        var disregarded = json.Int("disregardedResidents", 0, 0);
        if (disregarded > adults)
        {
            throw json.Wrong("disregardedResidents", "Cannot be more than adultResidents, which counts disregarded residents too");
        }

        return new ChargeCase(
            year,
            bandD,
            band,
            new DateInterval(from, to),
            adults,
            disregarded,
            exemption,
            json.Bool("disabledBandReduction", false),
            premium,
            json.Money("reductionAmount", Money.Zero));
    }

    private static Premium? ReadPremium(JsonInput json, FinancialYear year, LocalDate to)
    {
        if (json.Object("premium") is not { } premium)
        {
            return null;
        }

        switch (premium.Text("kind"))
        {
            case "long-term-empty":
                var since = premium.Date("emptySince");
                if (since > to)
                {
                    throw premium.Wrong("emptySince", "Must be on or before the end of the period");
                }

                return new LongTermEmpty(since);
            case "second-home":
                if (!SecondHomesPremium.InForce(year))
                {
                    throw premium.Wrong("kind", $"The second homes premium applies in England only from 1 April {SecondHomesPremium.FirstYear} (LGFA 1992 s11C)");
                }

                return new SecondHome(premium.Int("percent", null, 0, SecondHomesPremium.MaximumPercent));
            default:
                throw premium.Wrong("kind", "Must be \"long-term-empty\" or \"second-home\"");
        }
    }
}
