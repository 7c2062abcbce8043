namespace Reeve.Architecture.Tests;

/// <summary>
/// A module owns its tables: only the owner writes or reads them, and another module calls the owner's query.
/// The ownership list and the reads still to move are in docs/architecture.md.
/// </summary>
public sealed class TableOwnershipTests
{
    static readonly ArchitectureDoc Doc = ArchitectureDoc.Read();

    [Fact]
    public void Every_table_a_migration_creates_has_one_owner_in_the_architecture_page()
    {
        var missing = SourceTree.MigratedTables().Where(t => !Doc.OwnerOfTable.ContainsKey(t)).ToList();
        missing.ShouldBeEmpty("add these tables to the ownership list in docs/architecture.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_owner_in_the_architecture_page_is_a_module()
    {
        var modules = SourceTree.Modules().ToHashSet(StringComparer.Ordinal);
        var unknown = Doc.OwnerOfTable.Where(kv => !modules.Contains(kv.Value)).Select(kv => $"{kv.Key} -> {kv.Value}").ToList();
        unknown.ShouldBeEmpty();
    }

    [Fact]
    public void No_module_names_a_table_it_does_not_own_except_the_reads_listed_to_move()
    {
        var found = CrossModuleReads();
        var unlisted = found.Where(kv => !Doc.CrossingsToMove.ContainsKey(kv.Key))
            .Select(kv => $"{kv.Key.Module} names `{kv.Key.Table}` (owned by {Doc.OwnerOfTable[kv.Key.Table]}) at {string.Join(", ", kv.Value)}")
            .ToList();
        unlisted.ShouldBeEmpty(
            "call the owning module's query instead of naming its table:" + Environment.NewLine + string.Join(Environment.NewLine, unlisted));
    }

    [Fact]
    public void The_list_of_reads_to_move_only_shrinks()
    {
        // A read that has been moved must come off the list, so the list always says what is left.
        var found = CrossModuleReads();
        var stale = Doc.CrossingsToMove.Keys.Where(k => !found.ContainsKey(k)).Select(k => $"| {k.Module} | `{k.Table}` |").ToList();
        stale.ShouldBeEmpty("remove these rows from 'Reads across modules still to move' in docs/architecture.md: " + string.Join(" ", stale));
    }

    [Fact]
    public void The_scanner_sees_a_read_of_another_modules_table()
    {
        // Guards the test itself: a file naming another module's table in SQL must be found, and a comment must not.
        var file = Path.Combine(Path.GetTempPath(), $"reeve-arch-{Guid.NewGuid():N}.cs");
        File.WriteAllLines(file,
        [
            "// money taken from ledger_entry in a sentence",
            "var sql = \"select a.reference from account a join ledger_entry e on e.account_id = a.account_id\";",
            "await dialect.WriteAllAsync(connection, tx, \"dd_mandate\", Shape, rows, ct);",
        ]);
        try
        {
            var named = SourceTree.TablesNamed(file, SourceTree.MigratedTables()).ToList();
            named.ShouldBe([(2, "account"), (2, "ledger_entry"), (3, "dd_mandate")]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    static SortedDictionary<(string Module, string Table), List<string>> CrossModuleReads()
    {
        var tables = SourceTree.MigratedTables();
        var found = new SortedDictionary<(string Module, string Table), List<string>>();
        foreach (var module in SourceTree.Modules())
        {
            foreach (var file in SourceTree.CSharpFiles(module))
            {
                foreach (var (line, table) in SourceTree.TablesNamed(file, tables))
                {
                    if (!Doc.OwnerOfTable.TryGetValue(table, out var owner) || owner == module)
                    {
                        continue;
                    }

                    if (!found.TryGetValue((module, table), out var places))
                    {
                        places = [];
                        found.Add((module, table), places);
                    }

                    places.Add($"{Path.GetRelativePath(SourceTree.Root, file)}:{line}");
                }
            }
        }

        return found;
    }
}
