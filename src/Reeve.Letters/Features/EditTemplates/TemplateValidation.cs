namespace Reeve.Letters;

/// <summary>
/// Whether a template may be saved: every required block is there and shows what it must (read from the
/// source), it compiles, every field it names exists (a render with demo data), and no required section is
/// hidden behind a condition (the rendered demo letter contains each one, with words in it).
/// </summary>
public static class TemplateValidation
{
    public static IReadOnlyList<string> Problems(TemplateEngine engine, LetterType type, Channel channel, string source)
    {
        var problems = TemplateCheck.Problems(type, channel, source).ToList();
        string rendered;
        try
        {
            rendered = engine.Render(source, DemoLetters.For(type));
        }
        catch (TemplateException e)
        {
            problems.Add(e.Message);
            return problems;
        }

        var shown = LetterMarkup.Parse(rendered).Sections;
        foreach (var block in TemplateCheck.RequiredFor(type, channel))
        {
            if (problems.Any(p => p.Contains($"'{block.Name}'", StringComparison.Ordinal)))
            {
                continue;
            }

            if (!shown.TryGetValue(block.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"The required section '{block.Name}' does not show on the demo letter: it must not depend on a condition ({block.Description}; {block.Source}).");
            }
        }

        return problems;
    }
}
