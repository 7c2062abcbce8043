using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Features.Display;

/// <summary>How pages show dates, times, money and codes, in one place so every page agrees.</summary>
public static class Show
{
    public static string Date(LocalDate date) => DateText.LongForm.Format(date);

    public static string Date(LocalDate? date, string none = "") => date is { } d ? Date(d) : none;

    public static string ShortDate(LocalDate date) => DateText.ShortForm.Format(date);

    public static string Iso(LocalDate date) => DateText.Iso.Format(date);

    public static string? Iso(LocalDate? date) => date is { } d ? Iso(d) : null;

    public static string When(Instant instant) => UkTime.Describe(instant);

    public static string IsoInstant(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    public static string Money(Money amount) => amount.ToDisplayString();

    /// <summary>A balance as officers say it: "£12.00 in credit" rather than a bare minus sign.</summary>
    public static string Balance(Money amount) =>
        amount.IsNegative ? amount.Abs().ToDisplayString() + " in credit" : amount.ToDisplayString();

    public static string PaymentMethod(string code) => code switch
    {
        "cash" => "Cash",
        "direct-debit" => "Direct Debit",
        "card" => "Card",
        "bank-transfer" => "Bank transfer",
        _ => code,
    };

    public static IReadOnlyList<string> PaymentMethods { get; } = ["direct-debit", "card", "bank-transfer", "cash"];

    public static string LiabilityRole(string role) => role switch
    {
        "liable" => "Liable",
        "joint" => "Jointly liable",
        _ => role,
    };

    public static string Band(char? band) => band is { } b ? b.ToString() : "Not banded";
}
