using System.Globalization;
using System.Net;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WorkQueuePageTests(ReeveAppFixture app)
{
    private static LocalDate Today => UkTime.Today(SystemClock.Instance);

    /// <summary>Raises items of a kind only this test uses, so filters by it see nothing else.</summary>
    private async Task<(string Kind, IReadOnlyList<long> Ids)> RaiseAsync(params (string Title, LocalDate Deadline, WorkClock Clock)[] items)
    {
        var kind = "Test work " + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await app.Database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var ids = new List<long>();
        foreach (var (title, deadline, clock) in items)
        {
            var key = Guid.NewGuid().ToString("N");
            await WorkQueue.RaiseAsync(connection, tx, app.HomeCouncil, new WorkToRaise("tests.web", key, kind, title, WorkTeams.Payments, deadline, clock),
                SystemClock.Instance.GetCurrentInstant());
            ids.Add((await WorkLists.BySourceAsync(connection, app.HomeCouncil, "tests.web", key, tx))!.WorkItemId);
        }

        await tx.CommitAsync();
        return (kind, ids);
    }

    private static string Filter(string kind) => "/?kind=" + Uri.EscapeDataString(kind);

    [Fact]
    public async Task The_home_page_keeps_the_search_box_and_lists_my_work_with_time_left_and_overdue_flags()
    {
        var (kind, _) = await RaiseAsync(("Late item", Today.PlusDays(-2), WorkClock.CalendarDays), ("Later item", Today.PlusDays(9), WorkClock.CalendarDays));
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var page = await client.GetPageAsync(Filter(kind));

        page.ShouldContain("id=\"q\"");
        page.ShouldContain("My work");
        page.ShouldContain("2 days overdue");
        page.ShouldContain("9 days left");
        page.IndexOf("Late item", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("Later item", StringComparison.Ordinal));
        page.ShouldContain("2 items (" + kind + "), by deadline; 1 overdue");
        page.ShouldContain(DateText.LongForm.Format(Today.PlusDays(9)));
    }

    [Fact]
    public async Task Taking_an_item_assigns_it_to_me_writes_the_audit_trail_and_another_officer_cannot_take_it()
    {
        var (kind, ids) = await RaiseAsync(("Take me", Today.PlusDays(3), WorkClock.WorkingDays));
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = ids[0].ToString(CultureInfo.InvariantCulture);

        var taken = await client.PostFormAsync("/work/take", new() { ["id"] = id, ["returnUrl"] = Filter(kind) }, Filter(kind));

        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        taken.Headers.Location!.OriginalString.ShouldBe(Filter(kind));
        (await app.QueryAsync<string>("select assigned_to from work_item where work_item_id = @id and council_id = @c", new { id = ids[0], c = app.HomeCouncil.Value })).ShouldBe("officer");
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'work-item' and subject_id = @id and officer = 'officer'", new { id })).ShouldBe(1);
        (await client.GetPageAsync(Filter(kind))).ShouldContain("You have taken: Take me");

        var other = await app.NewOfficerAsync(Reeve.Officers.Role.Officer);
        using var second = await OfficerClient.SignedInAsync(app, other);
        (await second.GetPageAsync(Filter(kind))).ShouldNotContain("Take me");
        var refused = await second.PostFormAsync("/work/take", new() { ["id"] = id, ["returnUrl"] = "/" }, "/");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("officer already has this item");
        (await app.QueryAsync<string>("select assigned_to from work_item where work_item_id = @id and council_id = @c", new { id = ids[0], c = app.HomeCouncil.Value })).ShouldBe("officer");
    }

    [Fact]
    public async Task The_team_view_is_for_team_leaders_and_managers_only()
    {
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        using var manager = await OfficerClient.SignedInAsync(app, "manager");

        (await officer.GetAsync("/work/team")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync("/work/team")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetPageAsync("/work/team")).ShouldContain("Open work by officer");
        (await manager.GetPageAsync("/work/team")).ShouldContain("Open work by officer");
    }

    [Fact]
    public async Task A_team_leader_moves_selected_work_to_an_officer_and_each_move_is_audited()
    {
        var (kind, ids) = await RaiseAsync(("Move one", Today.PlusDays(1), WorkClock.WorkingDays), ("Move two", Today.PlusDays(2), WorkClock.WorkingDays),
            ("Stay put", Today.PlusDays(3), WorkClock.WorkingDays));
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        var path = "/work/team?kind=" + Uri.EscapeDataString(kind);
        var token = OfficerClient.Token(await leader.GetPageAsync(path));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("items", ids[0].ToString(CultureInfo.InvariantCulture)),
            new("items", ids[1].ToString(CultureInfo.InvariantCulture)),
            new("to", "officer"),
            new("__RequestVerificationToken", token),
        };

        var moved = await leader.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var owners = await AssigneesAsync(ids);
        owners.ShouldBe(["officer", "officer", null]);
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'work-item' and officer = 'teamleader' and detail like '%Move %'")).ShouldBe(2);
        (await leader.GetPageAsync(path)).ShouldContain("2 items moved to");
        (await leader.GetPageAsync("/work/team?officer=officer&kind=" + Uri.EscapeDataString(kind))).ShouldNotContain("Stay put");
    }

    [Fact]
    public async Task Moving_with_nothing_selected_or_to_nobody_is_refused_and_changes_nothing()
    {
        var (kind, ids) = await RaiseAsync(("Keep me", Today.PlusDays(1), WorkClock.WorkingDays));
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        var path = "/work/team?kind=" + Uri.EscapeDataString(kind);

        var none = await leader.PostFormAsync(path, new() { ["to"] = "officer" });
        var nobody = await leader.PostFormAsync(path, new() { ["items"] = ids[0].ToString(CultureInfo.InvariantCulture), ["to"] = "no-such-officer" });

        none.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await none.Content.ReadAsStringAsync()).ShouldContain("Select the work to move");
        (await nobody.Content.ReadAsStringAsync()).ShouldContain("Choose the officer to move the work to");
        (await AssigneesAsync(ids)).ShouldBe([null]);
    }

    private async Task<List<string?>> AssigneesAsync(IReadOnlyList<long> ids)
    {
        var owners = new List<string?>();
        foreach (var id in ids)
        {
            owners.Add(await app.QueryAsync<string?>("select assigned_to from work_item where council_id = @c and work_item_id = @id", new { c = app.HomeCouncil.Value, id }));
        }

        return owners;
    }
}
