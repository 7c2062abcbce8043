using Reeve.Cli.Tests.Features.RenderLetters;
using Reeve.Kernel;

namespace Reeve.Cli.Tests.Features.PrintLetters;

public sealed class PrintCommandTests(TinyDemo demo) : IClassFixture<TinyDemo>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Wealdmoor's (council 1) annual billing run for 2026/27.
    private static Task<long> RunIdAsync(string db) =>
        TinyDemo.QueryAsync<long>(db, "select run_id from billing_run where council_id = 1 and financial_year = 2026");

    private static Task<CliOutput> PrintAsync(string db, long run, string folder) =>
        CliRun.RunAsync("letters", "print", "--db", db, "--council", "1", "--run", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", folder);

    [Fact]
    public async Task Print_writes_one_manifest_row_per_bill_in_postcode_order_and_a_second_print_stores_nothing_new()
    {
        var db = demo.CopyTo(_folder);
        var run = await RunIdAsync(db);
        var bills = await TinyDemo.QueryAsync<long>(db, "select count(*) from bill where council_id = 1 and run_id = @run", new { run });

        var first = await PrintAsync(db, run, _folder.File("first"));
        var stored = (await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_document"), await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_notice"));
        var second = await PrintAsync(db, run, _folder.File("second"));

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain($"Printed billing run {run} (2026/27");
        first.Stdout.ShouldMatch($@"Letters\s+│\s+{bills}\b");
        first.Stdout.ShouldMatch($@"Notices stored now\s+│\s+{bills}\b");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldMatch(@"Notices stored now\s+│\s+0\b");
        second.Stdout.ShouldMatch($@"Notices stored before\s+│\s+{bills}\b");
        (await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_document"), await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_notice")).ShouldBe(stored);
        stored.Item2.ShouldBe(bills);

        var rows = CsvFile.Read(File.ReadAllText(_folder.File($"first/run-{run}-manifest.csv"))).Skip(1).Select(r => r.Fields).ToList();
        rows.Count.ShouldBe((int)bills);
        rows.Select(r => r[0]).ShouldBe(Enumerable.Range(1, rows.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var postcodes = rows.Select(r => r[6]).ToList();
        postcodes.ShouldBe(postcodes.OrderBy(PostcodeOrder.Key, StringComparer.Ordinal).ToList());
        rows.Select(r => r[3]).Distinct().Count().ShouldBe(rows.Count);

        foreach (var file in Directory.GetFiles(_folder.File("first")).Select(Path.GetFileName))
        {
            File.ReadAllBytes(_folder.File($"second/{file}")).ShouldBe(File.ReadAllBytes(_folder.File($"first/{file}")), file);
        }
    }

    [Fact]
    public async Task An_unknown_run_exits_2_naming_the_option()
    {
        var db = demo.CopyTo(_folder);

        var run = await PrintAsync(db, 999, _folder.File("out"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--run: there is no billing run 999");
        Directory.Exists(_folder.File("out")).ShouldBeFalse();
    }

    private static class PostcodeOrder
    {
        // The area, the district as a number, then the inward code: WD1 before WD3 before WD10.
        public static string Key(string postcode)
        {
            var p = postcode.Replace(" ", "", StringComparison.Ordinal);
            var outward = p[..^3];
            var area = new string(outward.TakeWhile(char.IsAsciiLetter).ToArray());
            var digits = new string(outward[area.Length..].TakeWhile(char.IsAsciiDigit).ToArray());
            return area.PadRight(2) + digits.PadLeft(2, '0') + outward[(area.Length + digits.Length)..].PadRight(1) + p[^3..];
        }
    }
}
