using System.Text.RegularExpressions;

namespace Reeve.Letters;

/// <summary>
/// Reads a template's source (without running it) for the sections it declares with
/// <c>{{#section "name"}} ... {{/section}}</c> and the fields each mentions, and says which required block is
/// missing or does not show what it must. Rendering with demo data (see <c>LetterTemplates.Validate</c>)
/// then catches unknown fields and sections hidden behind a condition.
/// </summary>
public static partial class TemplateCheck
{
    public sealed record Section(string Name, string Body);

    public static IReadOnlyList<Section> Sections(string source) =>
        SectionPattern().Matches(source).Select(m => new Section(m.Groups["name"].Value, m.Groups["body"].Value)).ToList();

    /// <summary>The field paths a piece of template mentions, such as "Band", "Council.Website", "Precepts".</summary>
    public static IReadOnlySet<string> FieldsMentioned(string source)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match mustache in MustachePattern().Matches(source))
        {
            foreach (Match path in FieldPathPattern().Matches(mustache.Groups["inner"].Value))
            {
                fields.Add(path.Value);
            }
        }

        return fields;
    }

    /// <summary>Every problem that stops a template being saved, each naming the block at fault; empty when it may be saved.</summary>
    public static IReadOnlyList<string> Problems(LetterType type, Channel channel, string source)
    {
        var problems = new List<string>();
        var sections = Sections(source);
        foreach (var duplicate in sections.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"The section '{duplicate.Key}' appears {duplicate.Count()} times; keep one.");
        }

        foreach (var block in RequiredFor(type, channel))
        {
            var section = sections.FirstOrDefault(s => s.Name == block.Name);
            if (section is null)
            {
                problems.Add($"The template leaves out the required section '{block.Name}' ({block.Description}; {block.Source}).");
                continue;
            }

            var mentioned = FieldsMentioned(section.Body);
            foreach (var field in block.Fields.Where(f => !Mentions(mentioned, f)))
            {
                problems.Add($"The section '{block.Name}' must show {{{{{field}}}}} ({block.Description}; {block.Source}).");
            }

            if (string.IsNullOrWhiteSpace(MustachePattern().Replace(section.Body, "")) && block.Fields.Count == 0)
            {
                problems.Add($"The section '{block.Name}' has no wording ({block.Description}; {block.Source}).");
            }
        }

        return problems;
    }

    /// <summary>
    /// A text message cannot serve a notice, so only letters and emails (sent with the person's consent) must
    /// carry every required block; a text message only tells the person a notice is on its way.
    /// </summary>
    public static IReadOnlyList<RequiredBlock> RequiredFor(LetterType type, Channel channel) => channel switch
    {
        Channel.Letter or Channel.Email => RequiredBlocks.For(type),
        Channel.Sms => [],
    };

    private static bool Mentions(IReadOnlySet<string> mentioned, string field) =>
        mentioned.Any(m => m == field || m.StartsWith(field + ".", StringComparison.Ordinal));

    [GeneratedRegex("""\{\{#section\s+"(?<name>[a-z0-9-]+)"\s*\}\}(?<body>.*?)\{\{/section\}\}""", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"\{\{\{?(?<inner>[^}]*)\}?\}\}")]
    private static partial Regex MustachePattern();

    // Fields are the model's property names, which start with a capital; helpers and keywords are lower case.
    [GeneratedRegex(@"(?<![\w.@])[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*")]
    private static partial Regex FieldPathPattern();
}
