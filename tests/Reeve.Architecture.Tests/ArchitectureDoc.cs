namespace Reeve.Architecture.Tests;

/// <summary>
/// docs/architecture.md read as data: its table-ownership list and its list of cross-module reads still to move.
/// The test and the page cannot drift apart, because the test reads the page.
/// </summary>
internal sealed class ArchitectureDoc
{
    public required IReadOnlyDictionary<string, string> OwnerOfTable { get; init; }

    /// <summary>(module, table) pairs where a module still names a table it does not own, each with its reason.</summary>
    public required IReadOnlyDictionary<(string Module, string Table), string> CrossingsToMove { get; init; }

    public static ArchitectureDoc Read()
    {
        var lines = File.ReadAllLines(Path.Combine(SourceTree.Root, "docs", "architecture.md"));
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cells in TableRows(lines, "## Table ownership"))
        {
            owners.Add(Unquote(cells[0]), cells[1]);
        }

        var crossings = new Dictionary<(string, string), string>();
        foreach (var cells in TableRows(lines, "## Reads across modules still to move"))
        {
            crossings.Add((cells[0], Unquote(cells[1])), cells.Length > 2 ? cells[2] : "");
        }

        return new ArchitectureDoc { OwnerOfTable = owners, CrossingsToMove = crossings };
    }

    /// <summary>The body rows of the first Markdown table under the heading, as trimmed cells.</summary>
    static IEnumerable<string[]> TableRows(string[] lines, string heading)
    {
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        if (start < 0)
        {
            throw new InvalidOperationException($"docs/architecture.md has no heading '{heading}'");
        }

        var inTable = false;
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                yield break;
            }

            if (!line.StartsWith('|'))
            {
                if (inTable)
                {
                    yield break;
                }

                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (!inTable)
            {
                inTable = true; // the header row
                continue;
            }

            if (cells.All(c => c.All(ch => ch is '-' or ':')))
            {
                continue; // the separator row
            }

            yield return cells;
        }
    }

    static string Unquote(string cell) => cell.Trim('`');
}
