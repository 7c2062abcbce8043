using System.Text.RegularExpressions;

namespace Reeve.Architecture.Tests;

/// <summary>The repository as files: the modules under src/, their C# sources, the migrations and the docs.</summary>
internal static partial class SourceTree
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reeve.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Reeve.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Module name ("Payments") for each project folder under src/ ("src/Reeve.Payments").</summary>
    public static IReadOnlyList<string> Modules() =>
        Directory.GetDirectories(Path.Combine(Root, "src"), "Reeve.*")
            .Select(d => Path.GetFileName(d)["Reeve.".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<string> CSharpFiles(string module)
    {
        var folder = Path.Combine(Root, "src", "Reeve." + module);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(folder, f)))
            .Order(StringComparer.Ordinal);
    }

    static bool IsBuildOutput(string relative) =>
        relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Every table a migration of either engine creates.</summary>
    public static IReadOnlySet<string> MigratedTables()
    {
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        var renamedAway = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src", "Reeve.Persistence", "Migrations"), "*.sql", SearchOption.AllDirectories))
        {
            var sql = File.ReadAllText(file);
            foreach (Match m in CreateTable().Matches(sql))
            {
                tables.Add(m.Groups[1].Value.ToLowerInvariant());
            }

            // SQLite changes a table by building a new one and renaming it over the old: the new name is not a table.
            foreach (Match m in RenameTable().Matches(sql))
            {
                renamedAway.Add(m.Groups[1].Value.ToLowerInvariant());
            }
        }

        tables.ExceptWith(renamedAway);
        return tables;
    }

    /// <summary>
    /// The tables a line of C# names in SQL: after from, join, into, update or copy, or as the table a bulk writer
    /// writes. Comment lines are skipped, so
    /// "money taken from account" in a sentence is not a read.
    /// </summary>
    public static IEnumerable<(int Line, string Table)> TablesNamed(string file, IReadOnlySet<string> tables)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*'))
            {
                continue;
            }

            foreach (Match m in SqlTableReference().Matches(line).Concat(BulkWriteTable().Matches(line)))
            {
                var name = m.Groups[1].Value;
                if (tables.Contains(name))
                {
                    yield return (lineNumber, name);
                }
            }
        }
    }

    [GeneratedRegex(@"create\s+table\s+(?:if\s+not\s+exists\s+)?([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"alter\s+table\s+([A-Za-z_][A-Za-z0-9_]*)\s+rename\s+to", RegexOptions.IgnoreCase)]
    private static partial Regex RenameTable();

    [GeneratedRegex(@"\b(?:from|join|into|update|copy)\s+([a-z_][a-z0-9_]*)\b")]
    private static partial Regex SqlTableReference();

    // A table named as a string to a bulk writer on the same line: WriteAllAsync(connection, tx, "account", ...).
    [GeneratedRegex(@"\b(?:WriteAllAsync|WriteNewAsync|InsertNewAsync|BulkWriter\.WriteAsync)\b[^""]*""([a-z_][a-z0-9_]*)""")]
    private static partial Regex BulkWriteTable();
}
