using System.Text;

namespace Reeve.Letters;

/// <summary>
/// The small layout language a filled-in template is written in: "# " a title, "## " a heading, "| a | b |"
/// rows of a table (the first row is its header), "- " a bullet, a blank line between paragraphs. The PDF and
/// the email are drawn from this, so the wording is the template's and the look is the renderer's.
/// </summary>
public abstract record LetterBlock
{
    public sealed record Heading(string Text) : LetterBlock;

    public sealed record Paragraph(string Text) : LetterBlock;

    public sealed record Bullet(string Text) : LetterBlock;

    public sealed record Table(IReadOnlyList<IReadOnlyList<string>> Rows) : LetterBlock;
}

public sealed record LetterDocument(string Title, IReadOnlyList<LetterBlock> Blocks, IReadOnlyDictionary<string, string> Sections)
{
    /// <summary>The body as GOV.UK Notify formats an email: "#" headings, "*" bullets; table rows become lines.</summary>
    public string ToNotifyMarkdown()
    {
        var text = new StringBuilder();
        LetterBlock? previous = null;
        foreach (var block in Blocks)
        {
            // Notify needs a blank line after a list before what follows it.
            if (previous is LetterBlock.Bullet && block is not LetterBlock.Bullet)
            {
                text.Append('\n');
            }

            previous = block;
            switch (block)
            {
                case LetterBlock.Heading h:
                    text.Append("# ").Append(h.Text).Append("\n\n");
                    break;
                case LetterBlock.Paragraph p:
                    text.Append(p.Text).Append("\n\n");
                    break;
                case LetterBlock.Bullet b:
                    text.Append("* ").Append(b.Text).Append('\n');
                    break;
                case LetterBlock.Table t:
                    foreach (var row in t.Rows.Skip(1))
                    {
                        text.Append(row[0]).Append(": ").Append(string.Join(", ", row.Skip(1))).Append('\n');
                    }

                    text.Append('\n');
                    break;
            }
        }

        return text.ToString().Trim() + "\n";
    }

    /// <summary>Every word of the letter in reading order, one block a line: for SMS bodies and for tests.</summary>
    public string ToPlainText() =>
        string.Join("\n", new[] { Title }.Concat(Blocks.Select(b => b switch
        {
            LetterBlock.Heading h => h.Text,
            LetterBlock.Paragraph p => p.Text,
            LetterBlock.Bullet b2 => "- " + b2.Text,
            LetterBlock.Table t => string.Join("\n", t.Rows.Select(r => string.Join(" | ", r))),
            _ => throw new InvalidOperationException("Unknown block"),
        })).Where(s => s.Length > 0));
}

public static class LetterMarkup
{
    public static LetterDocument Parse(string markup)
    {
        var title = "";
        var blocks = new List<LetterBlock>();
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var paragraph = new List<string>();
        var table = new List<IReadOnlyList<string>>();
        string? section = null;
        var sectionText = new StringBuilder();

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new LetterBlock.Paragraph(string.Join(" ", paragraph)));
                paragraph.Clear();
            }

            if (table.Count > 0)
            {
                blocks.Add(new LetterBlock.Table(table.ToList()));
                table.Clear();
            }
        }

        foreach (var raw in markup.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("[[section:", StringComparison.Ordinal) && line.EndsWith("]]", StringComparison.Ordinal))
            {
                Flush();
                section = line["[[section:".Length..^2];
                sectionText.Clear();
                continue;
            }

            if (line == "[[/section]]")
            {
                Flush();
                if (section is not null)
                {
                    sections[section] = sectionText.ToString().Trim();
                }

                section = null;
                continue;
            }

            if (section is not null && line.Length > 0)
            {
                sectionText.Append(line).Append('\n');
            }

            if (line.Length == 0)
            {
                Flush();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new LetterBlock.Heading(line[3..].Trim()));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                title = line[2..].Trim();
            }
            else if (line.StartsWith('|'))
            {
                if (paragraph.Count > 0)
                {
                    Flush();
                }

                table.Add(line.Trim('|').Split('|').Select(c => c.Trim()).ToList());
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new LetterBlock.Bullet(line[2..].Trim()));
            }
            else
            {
                if (table.Count > 0)
                {
                    Flush();
                }

                paragraph.Add(line);
            }
        }

        Flush();
        return new LetterDocument(title, blocks, sections);
    }
}
