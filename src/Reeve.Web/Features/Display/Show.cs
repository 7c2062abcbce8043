using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Features.Display;

/// <summary>How pages show dates, times, money and codes, in one place so every page agrees.</summary>
public static class Show
{
    public static string Date(LocalDate date) => DateText.LongForm.Format(date);

    public static string Date(LocalDate? date, string none = "") => date is { } d ? Date(d) : none;

    public static string Iso(LocalDate date) => DateText.Iso.Format(date);

    public static string? Iso(LocalDate? date) => date is { } d ? Iso(d) : null;

    public static string When(Instant instant) => UkTime.Describe(instant);

    public static string IsoInstant(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    public static string Money(Money amount) => amount.ToDisplayString();

    /// <summary>A count as the pages write it: "1,234".</summary>
    public static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A balance as officers say it: "£12.00 in credit" rather than a bare minus sign.</summary>
    public static string Balance(Money amount) =>
        amount.IsNegative ? amount.Abs().ToDisplayString() + " in credit" : amount.ToDisplayString();

    public static string PaymentMethod(string code) => Reeve.Payments.ChangePaymentMethod.Describe(code);

    public static IReadOnlyList<string> PaymentMethods => Reeve.Payments.ChangePaymentMethod.Methods;

    public static string LiabilityRole(string role) => role switch
    {
        "liable" => "Liable",
        "joint" => "Jointly liable",
        _ => role,
    };

    public static string Band(char? band) => band is { } b ? b.ToString() : "Not banded";

    public static string Interest(Reeve.CouncilTax.Domain.Interest interest) => interest switch
    {
        Reeve.CouncilTax.Domain.Interest.Freeholder => "Freeholder",
        Reeve.CouncilTax.Domain.Interest.Leaseholder => "Leaseholder",
        Reeve.CouncilTax.Domain.Interest.Tenant => "Tenant",
        Reeve.CouncilTax.Domain.Interest.Licensee => "Licensee",
        Reeve.CouncilTax.Domain.Interest.OtherResident => "Other resident",
    };

    /// <summary>The kinds of council tax award an officer can record, as the award form offers them.</summary>
    public static IReadOnlyList<(string Code, string Title, string Hint)> AwardKinds { get; } =
    [
        ("disregard", "Disregard", "A resident not counted for discounts (LGFA 1992 Sch 1): give the person and the category"),
        ("exemption", "Exemption", "A class of exempt dwelling (SI 1992/558 art 3): give the class letter"),
        ("owner-liable", "Owner liable", "A prescribed class for which the owner is liable (SI 1992/551 reg 2): give the class"),
        ("disabled-reduction", "Disabled band reduction", "Charged as the band below (SI 1992/554)"),
        ("long-term-empty", "Long-term empty premium", "Give the date it became empty (LGFA 1992 s11B)"),
        ("second-home", "Second homes premium", "Give the percentage (LGFA 1992 s11C)"),
        ("reduction", "Council Tax Reduction", "A percentage of a liable person's charge under the council's scheme (s13A)"),
        ("local-discount", "Local discount class", "An empty or furnished dwelling in prescribed class A, B, C or D (LGFA 1992 s11A): give the class letter"),
    ];

    public static string AwardKind(string code) => AwardKinds.FirstOrDefault(k => k.Code == code).Title ?? code;

    public static string PreceptKind(string kind) => kind switch
    {
        "billing-authority" => "Billing authority",
        "adult-social-care" => "Adult social care precept",
        "county" => "County council",
        "police" => "Police and crime commissioner",
        "fire" => "Fire and rescue authority",
        "parish" => "Parish or town council",
        _ => kind,
    };

    /// <summary>A precept's change from last year, as the demand notice states it: in pounds and as a percentage.</summary>
    public static string Change(Money now, Money? before)
    {
        if (before is not { } was)
        {
            return "Not set last year";
        }

        var difference = now - was;
        if (difference.IsZero)
        {
            return "No change";
        }

        var sign = difference.IsPositive ? "+" : "-";
        var percent = PercentChange.Between(was, now) is { } change ? $" ({sign}{change.Magnitude()}%)" : "";
        return sign + difference.Abs().ToDisplayString() + percent;
    }
}
