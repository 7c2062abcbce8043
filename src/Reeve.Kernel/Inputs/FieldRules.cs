using System.Text.RegularExpressions;
using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// The one set of limits every typed-in or imported field meets, whatever brings it in (a page, the API, the command
/// line or an import file): a length, a format and a range per kind of field. Each rule returns the message to show
/// (naming the field by its label, as the GOV.UK design system words errors) or null when the value is acceptable; the
/// caller trims first. Pages put the message in the error summary, the API in problem details, imports against the
/// line and field.
/// </summary>
public static partial class FieldRules
{
    /// <summary>A person's or an organisation's name, or a creditor's: the longest a Bacs or court form carries with room over.</summary>
    public const int NameMax = 100;

    /// <summary>A reference someone else issued (Insolvency Service, a creditor, a court): letters, digits and a few separators.</summary>
    public const int ReferenceMax = 35;

    /// <summary>A line of free text: a reason, a note, a source.</summary>
    public const int TextMax = 500;

    /// <summary>Longer free text: the wording of a letter template.</summary>
    public const int LongTextMax = 20_000;

    /// <summary>What the search box accepts: enough for a full name and address.</summary>
    public const int SearchMax = 100;

    /// <summary>Dates Reeve accepts: council tax began on 1 April 1993; nothing is dated after 2100.</summary>
    public static readonly LocalDate EarliestDate = new(1900, 1, 1);

    public static readonly LocalDate LatestDate = new(2100, 12, 31);

    /// <summary>Financial years a charge or a page may name (council tax began in 1993/94).</summary>
    public const int FirstYear = 1993;

    public const int LastYear = 2100;

    /// <summary>The most one amount typed in may be (a business rates bill for the largest hereditament is well under this).</summary>
    public static readonly Money MoneyMax = Money.FromPounds(100_000_000);

    public static string? Name(string? value, string label, bool required = true) =>
        Text(value, label, NameMax, required) ?? (HasMarkup(value) ? $"{label} must not contain < or >" : null);

    public static string? Reference(string? value, string label, bool required = true)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return required ? $"Enter {Lower(label)}" : null;
        }

        if (trimmed.Length > ReferenceMax)
        {
            return $"{label} must be {ReferenceMax} characters or fewer";
        }

        return ReferenceShape().IsMatch(trimmed) ? null : $"{label} must only include letters, numbers, spaces and - / .";
    }

    public static string? Postcode(string? value, string label = "Postcode", bool required = true)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return required ? $"Enter {Lower(label)}" : null;
        }

        return IsPostcode(trimmed) ? null : $"Enter a real postcode, like SW1A 1AA, for {Lower(label)}";
    }

    public static bool IsPostcode(string? value) => value?.Trim() is { Length: <= 8 } trimmed && PostcodeShape().IsMatch(trimmed.ToUpperInvariant());

    /// <summary>A postcode in capitals with one space before the last three characters.</summary>
    public static string NormalisePostcode(string postcode)
    {
        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length > 3 ? compact[..^3] + " " + compact[^3..] : compact;
    }

    public static string? Text(string? value, string label, int max = TextMax, bool required = true)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return required ? $"Enter {Lower(label)}" : null;
        }

        if (trimmed.Length > max)
        {
            return $"{label} must be {max:N0} characters or fewer";
        }

        return trimmed.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')) ? $"{label} must not contain control characters" : null;
    }

    public static string? Date(LocalDate value, string label) =>
        value < EarliestDate || value > LatestDate ? $"{label} must be between {EarliestDate.Year} and {LatestDate.Year}" : null;

    /// <summary>A period's end on or after its start (a one-day period ends the day it starts).</summary>
    public static string? Period(LocalDate from, LocalDate? to, string toLabel, string fromLabel) =>
        Date(from, fromLabel) ?? (to is { } end ? Date(end, toLabel) ?? (end < from ? $"{toLabel} must be the same as or after {Lower(fromLabel)}" : null) : null);

    public static string? Year(int startYear, string label = "Year") =>
        startYear is < FirstYear or > LastYear ? $"{label} must be between {FirstYear} and {LastYear}" : null;

    public static string? Amount(Money value, string label, bool allowZero = false)
    {
        if (value < Money.Zero || (!allowZero && value == Money.Zero))
        {
            return allowZero ? $"{label} must be £0.00 or more" : $"{label} must be more than £0.00";
        }

        return value > MoneyMax ? $"{label} must be £{MoneyMax.Pence / 100:N0} or less" : null;
    }

    private static bool HasMarkup(string? value) => value is not null && (value.Contains('<', StringComparison.Ordinal) || value.Contains('>', StringComparison.Ordinal));

    private static string Lower(string label) => label.Length > 0 ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-/.]*$")]
    private static partial Regex ReferenceShape();

    [GeneratedRegex("^(GIR ?0AA|[A-PR-UWYZ][0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][0-9][A-HJKPSTUW] ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY] ?[0-9][ABD-HJLNP-UW-Z]{2})$")]
    private static partial Regex PostcodeShape();
}
