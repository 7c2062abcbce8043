using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reeve.Officers;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

/// <summary>The example opening load under samples/opening-load/, as files on disk and as bytes.</summary>
internal static class OpeningLoadSamples
{
    public static string Folder { get; } = FindFolder();

    private static string FindFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reeve.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Reeve.slnx not found"), "samples", "opening-load");
    }

    public static Dictionary<string, byte[]> Files() =>
        Directory.GetFiles(Folder, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>The sample set with people.csv line 3's known_from made a date that does not exist.</summary>
    public static Dictionary<string, byte[]> WithBadDate()
    {
        var files = Files();
        var lines = Encoding.UTF8.GetString(files["people.csv"]).Split("\r\n");
        lines[2] = lines[2].Replace("2021-05-21", "2021-02-30", StringComparison.Ordinal);
        files["people.csv"] = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
        return files;
    }
}

[Collection(WebCollection.Name)]
public sealed partial class OpeningLoadPageTests(ReeveAppFixture app)
{
    private async Task<HttpResponseMessage> CheckAsync(OfficerClient client, Dictionary<string, byte[]> files)
    {
        var form = await client.GetPageAsync("/load");
        using var content = new MultipartFormDataContent { { new StringContent(OfficerClient.Token(form)), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "files", name);
        }

        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/load?handler=Check") { Content = content });
    }

    private Task<long> CountAsync(string table) =>
        app.CountAsync($"select count(*) from {table} where council_id = @c", new { c = app.OtherCouncil.Value });

    // Only System Administrators and Managers load a council's opening data.
    [Fact]
    public async Task An_officer_may_not_open_the_load_page()
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Officer));

        (await client.GetRawAsync("/load")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_manager_checks_a_bad_set_sees_each_problem_then_loads_the_good_set_once_and_it_is_audited()
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Manager, app.OtherCouncil));
        var accountsBefore = await CountAsync("account");

        var bad = await (await CheckAsync(client, OpeningLoadSamples.WithBadDate())).Content.ReadAsStringAsync();

        bad.ShouldContain("The files cannot be loaded");
        ProblemRow().IsMatch(bad).ShouldBeTrue("the report names people.csv, line 3 and known_from in one row");
        (await CountAsync("opening_load")).ShouldBe(0);

        var ready = await (await CheckAsync(client, OpeningLoadSamples.Files())).Content.ReadAsStringAsync();
        ready.Contains("The files are ready to load", StringComparison.Ordinal).ShouldBeTrue(Regex.Replace(ready, "<[^>]+>", " "));
        var set = SetField().Match(ready).Groups[1].Value;
        set.Length.ShouldBe(64);
        (await CountAsync("account")).ShouldBe(accountsBefore);

        var committed = await client.PostFormAsync("/load?handler=Commit", new() { ["set"] = set }, "/load");
        var done = await committed.Content.ReadAsStringAsync();

        committed.StatusCode.ShouldBe(HttpStatusCode.OK);
        done.ShouldContain("complete");
        done.ShouldContain("£33,249.27");
        (await CountAsync("account")).ShouldBe(accountsBefore + 36);
        (await CountAsync("opening_load")).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_kind = 'opening-load' and action = 'change'",
            new { c = app.OtherCouncil.Value })).ShouldBe(1);

        // The confirmation cannot be replayed: the checked files were taken, and nothing more is written.
        var again = await (await client.PostFormAsync("/load?handler=Commit", new() { ["set"] = set }, "/load")).Content.ReadAsStringAsync();
        again.ShouldContain("no longer held");
        (await CountAsync("account")).ShouldBe(accountsBefore + 36);
        var twice = await (await CheckAsync(client, OpeningLoadSamples.Files())).Content.ReadAsStringAsync();
        twice.ShouldContain("loaded before");
    }

    [GeneratedRegex(@"<td[^>]*>people\.csv</td>\s*<td[^>]*>3</td>\s*<td[^>]*>known_from</td>")]
    private static partial Regex ProblemRow();

    [GeneratedRegex("name=\"set\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex SetField();
}

[Collection(BrowserCollection.Name)]
public sealed class OpeningLoadBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_system_administrator_checks_the_files_fixes_them_and_loads_with_no_wcag_violations()
    {
        var badFolder = Directory.CreateTempSubdirectory("reeve-load-").FullName;
        try
        {
            foreach (var (name, bytes) in OpeningLoadSamples.WithBadDate())
            {
                await File.WriteAllBytesAsync(Path.Combine(badFolder, name), bytes);
            }

            await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
            context.SetDefaultTimeout(90_000);
            var page = await context.NewPageAsync();
            await SignInAsync(page, "admin");

            await page.GetByRole(AriaRole.Link, new() { Name = "Opening load" }).ClickAsync();
            await page.WaitForURLAsync("**/load");
            await AssertAccessibleAsync(page, "the opening load page");

            await page.GetByLabel("Upload the files").SetInputFilesAsync(Directory.GetFiles(badFolder));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check the files" }).ClickAsync();
            (await page.Locator("#load-problems").InnerTextAsync()).ShouldContain("known_from");
            await AssertAccessibleAsync(page, "the opening load's problem report");

            await page.GetByLabel("Upload the files").SetInputFilesAsync(Directory.GetFiles(OpeningLoadSamples.Folder, "*.csv"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check the files" }).ClickAsync();
            (await page.Locator("#load-totals").InnerTextAsync()).ShouldContain("£33,249.27");
            await AssertAccessibleAsync(page, "the opening load ready to commit");

            await page.GetByRole(AriaRole.Button, new() { Name = "Load these files" }).ClickAsync();
            (await page.Locator(".govuk-panel__title").InnerTextAsync()).ShouldContain("complete");
            await AssertAccessibleAsync(page, "the opening load done");
            (await app.CountAsync("select count(*) from opening_load where council_id = @c", new { c = app.HomeCouncil.Value })).ShouldBe(1);
        }
        finally
        {
            Directory.Delete(badFolder, recursive: true);
        }
    }
}
