using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Portal.Pages;

/// <summary>One question on a GOV.UK question page: a text input with its label, hint and any error.</summary>
public sealed record Question(
    string Name, string Label, string? Value, string? Hint = null, string Width = "govuk-input--width-10",
    string Type = "text", string? InputMode = null, string? Autocomplete = "off", string? Prefix = null);

/// <summary>What every portal page needs: where the request came from (for the attempt counts and the audit trail).</summary>
public abstract class PortalPage : PageModel
{
    /// <summary>The caller's network address, or "unknown" (every attempt is still counted against what it was about).</summary>
    protected string RemoteAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// "Page not found" in the portal's own layout, with status 404: what a resident sees for an account that is not
    /// theirs, word for word what they see for one that does not exist.
    /// </summary>
    protected PartialViewResult NotFoundPage()
    {
        var result = Partial("_PortalNotFound");
        result.StatusCode = StatusCodes.Status404NotFound;
        return result;
    }

    /// <summary>
    /// A handler's answer as the page goes on: <paramref name="next"/> with the value when it is done, otherwise the
    /// same page with the refusal on its field (a lockout or limit, which names no field, above the questions).
    /// </summary>
    protected IActionResult Answer<T>(Outcome<T> outcome, Func<T, IActionResult> next)
    {
        switch (outcome)
        {
            case Outcome<T>.Done { Value: var value }:
                return next(value);
            case Outcome<T>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Page();
            case Outcome<T>.Conflict conflict:
                ModelState.AddModelError("proof", conflict.Message);
                return Page();
            default:
                throw new InvalidOperationException($"A sign-in step answered {outcome}");
        }
    }
}

/// <summary>How the portal's pages write dates and money: "9 March 2026", "£1,687.50".</summary>
public static class PortalText
{
    private static readonly LocalDatePattern LongDate = LocalDatePattern.Create("d MMMM uuuu", CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => LongDate.Format(date);

    public static string Pounds(Money amount) => amount.ToDisplayString();
}
