using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Reeve.Cli.Tests.Architecture;

/// <summary>
/// Debt streams are a seam (issue 12): recovery, letters, payments and the person view speak of accounts of any
/// kind, and only the composition roots know which streams there are. These tests read src/*/*.csproj and the
/// sources, so a project reference that ties a module to Council Tax (or, later, Business Rates or sundry debt)
/// fails the build's tests, however indirect.
/// </summary>
public sealed partial class DebtStreamReferencesTests
{
    /// <summary>
    /// The projects that put the application together and may reference every stream: the web app and the CLI,
    /// the demo council (which bills, recovers and prints demo data of each stream) and the calculator catalogue
    /// (shared by the CLI and the API, it lists every module's calculators).
    /// </summary>
    private static readonly HashSet<string> CompositionRoots = ["Reeve.Web", "Reeve.Cli", "Reeve.DemoCouncil", "Reeve.Calculators"];

    [Fact]
    public void No_module_but_a_composition_root_depends_on_a_debt_stream_module()
    {
        var modules = Modules(Src());

        ModuleGraph.Violations(modules.References, modules.Streams, CompositionRoots).ShouldBeEmpty();
    }

    [Fact]
    public void Council_tax_is_found_as_a_debt_stream_from_the_stream_it_implements()
    {
        // The check finds streams by what they implement, so a Business Rates module is covered the day it is added.
        var modules = Modules(Src());

        modules.Streams.ShouldContain("Reeve.CouncilTax");
        modules.Streams.ShouldNotContain("Reeve.Recovery");
        modules.References.Keys.ShouldContain("Reeve.Letters");
    }

    [Fact]
    public void The_references_before_the_seam_are_refused_naming_each_path_to_the_stream()
    {
        // Letters and Recovery referenced Council Tax directly, and Payments reached it through Letters.
        var before = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Reeve.Kernel"] = [],
            ["Reeve.CouncilTax"] = ["Reeve.Kernel"],
            ["Reeve.Letters"] = ["Reeve.Kernel", "Reeve.CouncilTax"],
            ["Reeve.Recovery"] = ["Reeve.CouncilTax", "Reeve.Letters"],
            ["Reeve.Payments"] = ["Reeve.Letters"],
            ["Reeve.Web"] = ["Reeve.CouncilTax", "Reeve.Recovery"],
        };

        ModuleGraph.Violations(before, ["Reeve.CouncilTax"], CompositionRoots).ShouldBe(
        [
            "Reeve.Letters depends on debt stream Reeve.CouncilTax (Reeve.Letters -> Reeve.CouncilTax)",
            "Reeve.Payments depends on debt stream Reeve.CouncilTax (Reeve.Payments -> Reeve.Letters -> Reeve.CouncilTax)",
            "Reeve.Recovery depends on debt stream Reeve.CouncilTax (Reeve.Recovery -> Reeve.CouncilTax)",
        ]);
    }

    [Fact]
    public void A_stream_may_not_depend_on_another_stream_nor_a_module_on_a_composition_root()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Reeve.CouncilTax"] = [],
            ["Reeve.BusinessRates"] = ["Reeve.CouncilTax"],
            ["Reeve.People"] = ["Reeve.Calculators"],
            ["Reeve.Calculators"] = [],
        };

        ModuleGraph.Violations(graph, ["Reeve.CouncilTax", "Reeve.BusinessRates"], CompositionRoots).ShouldBe(
        [
            "Reeve.BusinessRates depends on debt stream Reeve.CouncilTax (Reeve.BusinessRates -> Reeve.CouncilTax)",
            "Reeve.People depends on composition root Reeve.Calculators",
        ]);
    }

    private static string Src()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reeve.slnx")))
            {
                return Path.Combine(dir.FullName, "src");
            }
        }

        throw new InvalidOperationException($"No Reeve.slnx above {AppContext.BaseDirectory}: these tests read the repository's src folder");
    }

    /// <summary>Each src project's project references, and which projects are debt streams (they implement IDebtStream).</summary>
    private static (Dictionary<string, IReadOnlyList<string>> References, HashSet<string> Streams) Modules(string src)
    {
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var csproj in Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            references[name] = [.. XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))];
            var folder = Path.GetDirectoryName(csproj)!;
            if (Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Any(f => ImplementsDebtStream().IsMatch(File.ReadAllText(f))))
            {
                streams.Add(name);
            }
        }

        return (references, streams);
    }

    [GeneratedRegex(@"\bclass\s+\w+\s*(\([^)]*\))?\s*:[^{]*\bIDebtStream\b")]
    private static partial Regex ImplementsDebtStream();
}

/// <summary>The rule itself, over a graph of module names, so that it can be shown to refuse a bad graph.</summary>
internal static class ModuleGraph
{
    public static List<string> Violations(
        IReadOnlyDictionary<string, IReadOnlyList<string>> references, IReadOnlyCollection<string> streams, IReadOnlySet<string> roots)
    {
        var problems = new List<string>();
        foreach (var module in references.Keys.Where(m => !roots.Contains(m)).Order(StringComparer.Ordinal))
        {
            foreach (var (stream, path) in Reachable(references, module).Where(r => streams.Contains(r.Module) && r.Module != module))
            {
                problems.Add($"{module} depends on debt stream {stream} ({string.Join(" -> ", path)})");
            }

            problems.AddRange(references[module].Where(roots.Contains).Select(root => $"{module} depends on composition root {root}"));
        }

        return problems;
    }

    // Every module reachable from the start, each with the first path found to it (breadth first, so a shortest one).
    private static IEnumerable<(string Module, List<string> Path)> Reachable(IReadOnlyDictionary<string, IReadOnlyList<string>> references, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<List<string>>([[start]]);
        while (queue.TryDequeue(out var path))
        {
            foreach (var next in references.GetValueOrDefault(path[^1]) ?? [])
            {
                if (seen.Add(next))
                {
                    List<string> longer = [.. path, next];
                    yield return (next, longer);
                    queue.Enqueue(longer);
                }
            }
        }
    }
}
