using System.Text.Json.Nodes;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;

namespace Reeve.BusinessRates.Features.CalculateRates;

/// <summary>
/// `business-rates`: the rates for one hereditament for a period within one financial year (shared/contracts.md).
/// Reads the case, calls <see cref="RatesCharge"/> with the national figures billing uses, and writes the result.
/// </summary>
public sealed class BusinessRatesCalculator(RatesFigures? figures = null) : ICalculator
{
    private readonly RatesFigures _figures = figures ?? NationalRatesFigures.Current;

    public string Kind => "business-rates";

    public JsonObject Calculate(JsonObject input)
    {
        var json = new JsonInput(input);
        var result = RatesCharge.Calculate(Read(json), _figures);
        return new JsonObject
        {
            ["multiplier"] = MultiplierText.Pence(result.MultiplierTenths),
            ["multiplierKind"] = result.MultiplierCode,
            ["days"] = result.Days,
            ["daysInYear"] = result.DaysInYear,
            ["grossRates"] = JsonOutput.Money(result.GrossRates),
            ["reliefs"] = new JsonArray(result.Reliefs.Select(r => (JsonNode)new JsonObject
            {
                ["kind"] = r.Kind.Code(),
                ["percent"] = r.Percent,
                ["amount"] = JsonOutput.Money(r.Amount),
            }).ToArray()),
            ["netRates"] = JsonOutput.Money(result.NetRates),
            ["explanation"] = JsonOutput.Explanation(result.Explanation),
        };
    }

    private RatesCase Read(JsonInput json)
    {
        var year = json.Int("financialYear", null, 1990, 2100);
        var financialYear = new FinancialYear(year);
        if (financialYear.FirstDay < _figures.FirstDay)
        {
            throw json.Wrong("financialYear", $"Reeve holds the rates figures from {FinancialYear.Containing(_figures.FirstDay)}; {financialYear} is before that");
        }

        var rvText = json.Text("rateableValue");
        if (!long.TryParse(rvText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rv) || rv > 1_000_000_000)
        {
            throw json.Wrong("rateableValue", rvText.StartsWith('-') ? "Must not be negative" : "Must be a whole number of pounds written as text, like \"13500\"");
        }

        var from = json.Date("from");
        var to = json.Date("to");
        foreach (var (name, day) in new[] { ("from", from), ("to", to) })
        {
            if (!financialYear.Contains(day))
            {
                throw json.Wrong(name, $"Must fall within the financial year {financialYear} ({DateText.Iso.Format(financialYear.FirstDay)} to {DateText.Iso.Format(financialYear.LastDay)})");
            }
        }

        if (to < from)
        {
            throw json.Wrong("to", "Must not be before 'from'");
        }

        if (!json.Has("occupied"))
        {
            throw json.Missing("occupied");
        }

        var occupied = json.Bool("occupied", true);
        LocalDate? emptySince = null;
        if (!occupied)
        {
            emptySince = json.Date("emptySince");
            if (emptySince > to)
            {
                throw json.Wrong("emptySince", "Must be on or before 'to': the hereditament is unoccupied on every day of the period");
            }
        }

        return new RatesCase(
            financialYear,
            rv,
            new DateInterval(from, to),
            occupied,
            json.Bool("retailHospitalityLeisure", false),
            json.Bool("charity", false),
            json.Bool("smallBusinessRateRelief", false),
            emptySince,
            json.Bool("industrial", false));
    }
}
