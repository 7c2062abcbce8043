using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Features.Forms;

/// <summary>
/// A GOV.UK date input as typed: day, month and year fields named <c>{name}-day</c>, <c>{name}-month</c> and
/// <c>{name}-year</c>. <see cref="Check"/> follows the design system's messages and never guesses: 30 February is
/// refused as not a real date rather than rolled on to March.
/// </summary>
public sealed record DateInput(string Name, string Day, string Month, string Year)
{
    /// <summary>Council tax began on 1 April 1993 (LGFA 1992 s1); no council tax fact can be earlier.</summary>
    private static readonly LocalDate Earliest = new(1993, 4, 1);

    public static DateInput Blank(string name) => new(name, "", "", "");

    public static DateInput Of(string name, LocalDate? date) => date is { } d
        ? new(name, d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
        : Blank(name);

    public static DateInput Read(IFormCollection form, string name) =>
        new(name, Part(form, name, "day"), Part(form, name, "month"), Part(form, name, "year"));

    public bool IsBlank => Day.Length == 0 && Month.Length == 0 && Year.Length == 0;

    /// <summary>The key an error is recorded under when the whole date is wrong: the error summary links to the day field.</summary>
    public string ErrorKey => Name + "-day";

    /// <summary>
    /// The date, or null with an error added to <paramref name="errors"/>. <paramref name="what"/> names the date
    /// as the question does, for example "the date they moved in".
    /// </summary>
    /// <param name="errors">Where an error goes.</param>
    /// <param name="what">The date as the question names it.</param>
    /// <param name="required">Whether a blank date is an error.</param>
    /// <param name="notBefore">The earliest date accepted, in place of the start of council tax (for a date of birth).</param>
    public LocalDate? Check(ModelStateDictionary errors, string what, bool required, LocalDate? notBefore = null)
    {
        var said = char.ToUpperInvariant(what[0]) + what[1..];
        if (IsBlank)
        {
            if (required)
            {
                errors.AddModelError(ErrorKey, $"Enter {what}");
            }

            return null;
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => p.Item2.Length == 0).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            errors.AddModelError($"{Name}-{missing[0]}", $"{said} must include a {string.Join(" and a ", missing)}");
            return null;
        }

        if (!Number(Day, out var day) || !Number(Month, out var month) || !Number(Year, out var year))
        {
            errors.AddModelError(ErrorKey, $"{said} must be a real date");
            return null;
        }

        if (Year.Length != 4)
        {
            errors.AddModelError($"{Name}-year", "Year must include 4 numbers");
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            errors.AddModelError(ErrorKey, $"{said} must be a real date");
            return null;
        }

        var date = new LocalDate(year, month, day);
        if (notBefore is { } earliest)
        {
            if (date < earliest)
            {
                errors.AddModelError(ErrorKey, $"{said} must be on or after {DateText.LongForm.Format(earliest)}");
                return null;
            }
        }
        else if (date < Earliest)
        {
            errors.AddModelError(ErrorKey, $"{said} must be on or after 1 April 1993, when council tax began");
            return null;
        }

        if (Reeve.Kernel.FieldRules.Date(date, said) is { } outOfRange)
        {
            errors.AddModelError(ErrorKey, outOfRange);
            return null;
        }

        return date;
    }

    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Part(IFormCollection form, string name, string part) => form[$"{name}-{part}"].ToString().Trim();
}
