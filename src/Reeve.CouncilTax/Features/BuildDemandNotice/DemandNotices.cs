using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;

namespace Reeve.CouncilTax;

/// <summary>One line of a bill's working as the Council Tax module records it: what was done, the amount, the law.</summary>
public sealed record WorkingStep(string Step, Money Amount, string Source);

/// <summary>Everything a council tax demand notice is made from, read from the modules that record it.</summary>
public sealed record DemandNoticeFacts(
    CouncilDetails Council,
    AccountReference Reference,
    string PaymentMethod,
    BillVersion Bill,
    string PropertyAddress,
    char? PropertyBand,
    IReadOnlyList<Precept> Precepts,
    IReadOnlyList<string> LiableNames,
    PostalAddress CorrespondenceAddress);

/// <summary>
/// Makes the demand notice for a bill version: the charge, its working and instalments from the bill; the band
/// and the Band D charge; each precept with its change on last year and the adult social care precept apart
/// (Council Tax (Demand Notices) (England) Regulations 2011 (SI 2011/3038) Sch 1 paras 1 to 4 and 10); the
/// discounts and reductions given. Pure: the facts are read first by <see cref="DemandNoticeReader"/>. Council Tax
/// composes the content; Letters lays it out (the demand-notice template), renders, stores and prints it.
/// </summary>
public static partial class DemandNotices
{
    public const string AdultSocialCareKind = "adult-social-care";

    public static DemandNoticeModel Build(DemandNoticeFacts facts, LocalDate issuedOn)
    {
        var working = Working(facts.Bill.Working);
        var asc = facts.Precepts.Where(p => p.Kind == AdultSocialCareKind).ToList();
        var precepts = facts.Precepts
            .Where(p => p.Kind != AdultSocialCareKind)
            .Select(p => new PreceptLine(p.Preceptor, p.BandD, p.PreviousBandD ?? Money.Zero))
            .ToList();
        return new DemandNoticeModel(
            facts.Council,
            new Addressee(Addressing.Names(facts.LiableNames), facts.CorrespondenceAddress),
            facts.Reference,
            issuedOn,
            facts.Bill.Year.ToString(),
            facts.PropertyAddress,
            Band(working, facts.PropertyBand),
            Money.Sum(facts.Precepts.Select(p => p.BandD)),
            precepts,
            new AdultSocialCarePrecept(Money.Sum(asc.Select(p => p.BandD)), Money.Sum(asc.Select(p => p.PreviousBandD ?? Money.Zero))),
            working.Where(s => s.Step != "Net charge").Select(s => new ChargeLine(s.Step, s.Amount)).ToList(),
            Discounts(working),
            facts.Bill.Net,
            facts.Bill.Instalments.Select(i => new InstalmentLine(i.Due, i.Amount)).ToList(),
            PaymentMethod(facts.PaymentMethod));
    }

    /// <summary>The bill's working, as the Council Tax module stores it: [{step, amount, source}].</summary>
    public static IReadOnlyList<WorkingStep> Working(string json) =>
        JsonSerializer.Deserialize<List<StoredStep>>(json)!
            .Select(s => new WorkingStep(s.step, MoneyText.Parse(s.amount), s.source))
            .ToList();

    /// <summary>
    /// What the working took off the band charge: a discount (LGFA 1992 s11) as its annual amount, a disabled
    /// band reduction, an exemption, and Council Tax Reduction (s13A) as the amount taken off.
    /// </summary>
    public static IReadOnlyList<AppliedDiscount> Discounts(IReadOnlyList<WorkingStep> working)
    {
        var discounts = new List<AppliedDiscount>();
        Money? bandAnnual = null;
        foreach (var step in working)
        {
            if (BandStep().IsMatch(step.Step))
            {
                bandAnnual = step.Amount;
            }
            else if (step.Step.StartsWith("Disabled band reduction", StringComparison.Ordinal) && bandAnnual is { } full)
            {
                discounts.Add(new AppliedDiscount("Disabled band reduction", step.Amount - full));
                bandAnnual = step.Amount;
            }
            else if (step.Step.EndsWith(": annual amount", StringComparison.Ordinal) && step.Step.Contains("discount", StringComparison.OrdinalIgnoreCase)
                     && !step.Step.Contains("no discount", StringComparison.OrdinalIgnoreCase) && bandAnnual is { } before)
            {
                discounts.Add(new AppliedDiscount(step.Step[..^": annual amount".Length] + " (a year)", step.Amount - before));
            }
            else if (step.Step.StartsWith("Exempt dwelling", StringComparison.Ordinal))
            {
                discounts.Add(new AppliedDiscount(step.Step, Money.Zero));
            }
            else if (step.Step.StartsWith("Council Tax Reduction", StringComparison.Ordinal))
            {
                discounts.Add(new AppliedDiscount("Council Tax Reduction", -step.Amount));
            }
        }

        return discounts.Distinct().ToList();
    }

    // The band the bill was last worked at ("..., Band C" opens each period of the working), else the list's band.
    private static string Band(IReadOnlyList<WorkingStep> working, char? propertyBand) =>
        working.Select(s => PeriodBand().Match(s.Step)).LastOrDefault(m => m.Success) is { } m
            ? m.Groups[1].Value
            : propertyBand?.ToString() ?? throw new InvalidOperationException("A council tax bill with no band");

    private static string PaymentMethod(string code) => code switch
    {
        "direct-debit" => "Direct Debit",
        "bank-transfer" => "bank transfer",
        "card" => "card",
        "cash" => "cash, card or bank transfer",
        _ => code,
    };

    [GeneratedRegex(@"^Band [A-H] is \d+/9 of Band D")]
    private static partial Regex BandStep();

    [GeneratedRegex(@", Band ([A-H])$")]
    private static partial Regex PeriodBand();

#pragma warning disable IDE1006 // JSON names as the Council Tax module writes them
    private sealed record StoredStep(string step, string amount, string source);
#pragma warning restore IDE1006
}
