using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Reeve.Web.Features.Forms;

/// <summary>
/// What the shared form partials (<c>_TextField</c>, <c>_RadioField</c>, <c>_DateField</c>) need to draw one GOV.UK
/// question. The field's id is its name; its error, if any, is the ModelState entry under that id.
/// </summary>
public sealed record TextField(string Name, string Label, string? Value, string? Hint = null, string InputClass = "", bool Multiline = false);

public sealed record Choice(string Value, string Label, string? Hint = null);

public sealed record RadioField(string Name, string Legend, IReadOnlyList<Choice> Choices, string? Selected, string? Hint = null, bool Inline = false);

public sealed record DateField(DateInput Input, string Legend, string? Hint = null);

public static class FormErrors
{
    /// <summary>The first error recorded against any of <paramref name="keys"/>, or null.</summary>
    public static string? First(ModelStateDictionary state, params string[] keys) =>
        keys.Select(k => state.TryGetValue(k, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null).FirstOrDefault(e => e is not null);

    /// <summary>
    /// Turns a field path from the council tax module (<c>band</c>, <c>evidence</c>, <c>exemptions[0].class</c>,
    /// <c>residents[1].from</c>) into the id of the form field it is about, by its last segment. A path the form
    /// has no field for goes to the top of the error summary.
    /// </summary>
    public static string FieldFor(string modulePath, IReadOnlyDictionary<string, string> bySegment)
    {
        var segment = modulePath[(modulePath.LastIndexOf('.') + 1)..];
        return bySegment.TryGetValue(segment, out var field) ? field : "";
    }
}

/// <summary>A person finder on a form: what was searched for, who it found, and who is chosen.</summary>
public sealed record FindPerson(string FindLabel, string ChooseLabel, string? Search, IReadOnlyList<Reeve.People.PartyReader.Match> Matches, string? Chosen);
