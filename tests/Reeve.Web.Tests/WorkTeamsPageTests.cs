using System.Net;
using Reeve.Officers;
using Reeve.Work;

namespace Reeve.Web.Tests;

/// <summary>
/// /work/teams: Team Leaders, Managers and System Administrators set which teams each officer works in, each change
/// audited; a team that does not exist is refused and changes nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WorkTeamsPageTests(ReeveAppFixture app)
{
    private const string Path = "/work/teams";

    private static async Task<HttpResponseMessage> SaveAsync(OfficerClient client, string officer, params string[] teams)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("officer", officer),
            new("__RequestVerificationToken", OfficerClient.Token(await client.GetPageAsync(Path))),
        };
        fields.AddRange(teams.Select(t => new KeyValuePair<string, string>("teams", t)));
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(fields) });
    }

    private async Task<IReadOnlyList<string>> TeamsOfAsync(string officer)
    {
        await using var connection = await app.Database.OpenAsync();
        return await WorkLists.TeamsOfAsync(connection, app.HomeCouncil, officer);
    }

    [Fact]
    public async Task Only_team_leaders_managers_and_system_administrators_may_set_teams()
    {
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        using var admin = await OfficerClient.SignedInAsync(app, "admin");

        (await officer.GetAsync(Path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync(Path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetPageAsync(Path)).ShouldContain("Officers' teams");
        (await admin.GetPageAsync(Path)).ShouldContain("Teams for");
        (await leader.GetPageAsync("/work/team")).ShouldContain("href=\"/work/teams\"");
    }

    [Fact]
    public async Task A_team_leader_puts_an_officer_in_teams_and_takes_them_out_and_each_change_is_audited()
    {
        var newcomer = await app.NewOfficerAsync(Role.Officer);
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");

        (await SaveAsync(leader, newcomer, WorkTeams.Recovery, WorkTeams.Casework)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TeamsOfAsync(newcomer)).ShouldBe([WorkTeams.Casework, WorkTeams.Recovery]);

        (await SaveAsync(leader, newcomer, WorkTeams.Recovery)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TeamsOfAsync(newcomer)).ShouldBe([WorkTeams.Recovery]);

        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'officer' and subject_id = @newcomer and officer = 'teamleader'", new { newcomer }))
            .ShouldBe(2);
        (await app.CountAsync("select count(*) from audit_log where subject_id = @newcomer and detail like '%left Casework%'", new { newcomer })).ShouldBe(1);
        (await leader.GetPageAsync(Path)).ShouldContain("teams are saved");
    }

    [Fact]
    public async Task A_team_that_does_not_exist_or_an_officer_who_is_not_on_file_is_refused_and_nothing_changes()
    {
        var newcomer = await app.NewOfficerAsync(Role.Officer);
        using var leader = await OfficerClient.SignedInAsync(app, "teamleader");
        await SaveAsync(leader, newcomer, WorkTeams.Payments);

        var badTeam = await SaveAsync(leader, newcomer, WorkTeams.Payments, "<script>Hackers</script>");
        var badOfficer = await SaveAsync(leader, "no-such-officer", WorkTeams.Payments);

        badTeam.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await badTeam.Content.ReadAsStringAsync()).ShouldContain("is not a team");
        badOfficer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await badOfficer.Content.ReadAsStringAsync()).ShouldContain("Choose an officer who works the queue");
        (await TeamsOfAsync(newcomer)).ShouldBe([WorkTeams.Payments]);
        (await TeamsOfAsync("no-such-officer")).ShouldBeEmpty();
    }
}
