using Reeve.Cli.Tests.Features.RenderLetters;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Payments.Tests.Features.DirectDebit;

namespace Reeve.Cli.Tests.Features.ImportAruddReport;

/// <summary>
/// Issue 4's round trip on the demo council, through the commands an officer runs: the next collection run's
/// Standard 18 file, read back by a reader that shares no code with the writer, and an ARUDD return that reverses
/// one collection once and hands the account to recovery.
/// </summary>
public sealed class DemoRoundTripTests(TinyDemo demo) : IClassFixture<TinyDemo>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_demo_councils_collection_file_reads_back_with_its_totals_and_an_unpaid_return_is_reversed_once()
    {
        var db = demo.CopyTo(_folder);
        var due = await TinyDemo.QueryAsync<long>(db,
            "select count(*) from instalment i join dd_mandate m on m.council_id = i.council_id and m.account_id = i.account_id " +
            "where i.council_id = 1 and m.status = 'active' and i.due_on = '2026-12-01'");
        due.ShouldBeGreaterThan(0);

        // 1 December 2026 is a Tuesday: the file is processed on Monday 30 November.
        var file = _folder.File("dd.txt");
        var collect = await CliRun.RunAsync("dd", "collect", "--db", db, "--council", "1", "--processing-date", "2026-11-30", "--out", file);

        collect.ExitCode.ShouldBe(0, collect.Stderr);
        var read = Standard18Read.Parse(await File.ReadAllTextAsync(file));
        read.Sun.ShouldBe("424242");
        read.ProcessingDate.ShouldBe(" 26334"); // bYYDDD: day 334 of 2026
        read.Records.Count.ShouldBeGreaterThan(0);
        read.Records.ShouldAllBe(r => r.Code == "17" || r.Code == "01");
        var total = read.Records.Sum(r => r.AmountPence);
        read.Contra!.AmountPence.ShouldBe(total);
        (read.UtlDebitPence, read.UtlCreditPence, read.UtlDebitCount).ShouldBe((total, total, read.Records.Count));
        var posted = await TinyDemo.QueryAsync<long>(db, "select coalesce(sum(amount_pence), 0) from dd_collection where council_id = 1 and processing_date = '2026-11-30'");
        posted.ShouldBe(total);
        collect.Stdout.ShouldContain($"{read.Records.Count} collections");

        // The first payer's bank returns the debit: instruction cancelled (ARUDD 0001), which is not re-presented.
        var first = read.Records[0];
        var accountRef = first.Reference[2..];
        var balanceBefore = await BalanceAsync(db, accountRef);
        var amount = $"{first.AmountPence / 100}.{first.AmountPence % 100:D2}";
        var arudd = _folder.File("arudd.xml");
        await File.WriteAllTextAsync(arudd, AruddXml.Report("2026-12-02", "WEALDMOOR DISTRICT COUNCIL", "424242", "88837491", "10-79-99",
            new ReturnedDebit(first.Reference, first.Code, "0001", "INSTRUCTION CANCELLED", "2026-11-30", amount, first.AccountNumber, first.Name, first.SortCode), amount));

        var returned = await CliRun.RunAsync("dd", "import", "--db", db, "--council", "1", arudd);
        var again = await CliRun.RunAsync("dd", "import", "--db", db, "--council", "1", arudd);

        returned.ExitCode.ShouldBe(0, returned.Stderr);
        returned.Stdout.ShouldContain("1 payment reversed");
        again.Stdout.ShouldContain("Nothing was reversed this time");
        (await BalanceAsync(db, accountRef)).ShouldBe(balanceBefore + first.AmountPence);
        (await TinyDemo.QueryAsync<long>(db,
            "select count(*) from account_event e join account a on a.council_id = e.council_id and a.account_id = e.account_id " +
            "where a.council_id = 1 and a.reference = @accountRef and e.kind = 'direct-debit-unpaid'", new { accountRef })).ShouldBe(1);
        (await TinyDemo.QueryAsync<string>(db, "select status from dd_collection where council_id = 1 and status <> 'collected'")).ShouldBe("unpaid");
    }

    [Fact]
    public async Task An_ADDACS_for_the_other_demo_councils_SUN_changes_nothing_and_one_whose_account_differs_waits_for_an_officer()
    {
        // Issue 21: an ADDACS carrying Eastmere's SUN (434343), imported for Wealdmoor (council 1, SUN 424242), used to
        // cancel Wealdmoor's mandate with the same reference.
        var db = demo.CopyTo(_folder);
        var reference = await TinyDemo.QueryAsync<string>(db, "select reference from dd_mandate where council_id = 1 and status = 'active' order by mandate_id limit 1");
        var sortCode = await TinyDemo.QueryAsync<string>(db, "select sort_code from dd_mandate where council_id = 1 and reference = @reference", new { reference });
        var accountNumber = await TinyDemo.QueryAsync<string>(db, "select account_number from dd_mandate where council_id = 1 and reference = @reference", new { reference });
        string Addacs(string sun, string account) => $"""
            <?xml version = '1.0' encoding = 'UTF-8'?>
            <BACSDocument><Data><MessagingAdvices>
              <MessagingHeader document-number="0" advice-type="ADDACS" user-number="{sun}" report-generation-date="2026-12-02" user-name="COUNCIL" report-type="7001"/>
              <AddresseeInformation name=" "/>
              <MessagingAdvice user-number="{sun}" record-type="A" effective-date="2026-12-02" reference="{reference}" payer-account-number="{account}" payer-sort-code="{sortCode}" reason-code="1" aosn="00000001"/>
              <MessagingError/>
            </MessagingAdvices></Data></BACSDocument>
            """;
        var eastmere = _folder.File("addacs-eastmere.xml");
        await File.WriteAllTextAsync(eastmere, Addacs("434343", accountNumber));
        var mismatched = _folder.File("addacs-mismatched.xml");
        await File.WriteAllTextAsync(mismatched, Addacs("424242", "12345678"));

        var refused = await CliRun.RunAsync("dd", "import", "--db", db, "--council", "1", eastmere);
        var toOfficer = await CliRun.RunAsync("dd", "import", "--db", db, "--council", "1", mismatched);
        var listed = await CliRun.RunAsync("dd", "work-items", "--db", db, "--council", "1");

        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("434343");
        toOfficer.ExitCode.ShouldBe(0, toOfficer.Stderr);
        toOfficer.Stdout.ShouldContain("1 item waits for an officer");
        listed.Stdout.ShouldContain(reference);
        listed.Stdout.ShouldContain($"account number: the report has 12345678, the mandate {accountNumber}");
        (await TinyDemo.QueryAsync<string>(db, "select status from dd_mandate where council_id = 1 and reference = @reference", new { reference })).ShouldBe("active");
    }

    private static async Task<long> BalanceAsync(string db, string reference)
    {
        var accountId = await TinyDemo.QueryAsync<long>(db, "select account_id from account where council_id = 1 and reference = @reference", new { reference });
        using var database = ReeveDatabase.Sqlite(db);
        await using var c = await database.OpenAsync();
        return (await ReadBalance.BalanceAsync(c, new CouncilId(1), accountId)).Pence;
    }
}
