using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

public sealed class AuditTrailOnSqlite() : AuditTrailTests(new SqliteEngine());

public sealed class AuditTrailOnPostgres() : AuditTrailTests(new PostgresEngine());

public abstract class AuditTrailTests(IDatabaseEngine engine) : OfficersTest(engine)
{
    private static readonly Instant Viewed = Instant.FromUtc(2025, 4, 1, 9, 30, 15);
    private static readonly Instant Changed = Instant.FromUtc(2025, 4, 1, 9, 45);
    private static readonly Instant Searched = Instant.FromUtc(2025, 4, 1, 10, 0);

    [Fact]
    public async Task An_entry_reads_back_as_it_was_recorded()
    {
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.View, "party", "42", "Opened the party page", "192.0.2.10", Viewed);

        var entry = (await ForSubjectAsync(Council, "party", "42")).ShouldHaveSingleItem();

        entry.ShouldBe(new AuditEntry(entry.AuditId, Viewed, "jsmith", "view", "party", "42", "Opened the party page", "192.0.2.10"));
    }

    [Fact]
    public async Task The_trail_for_a_subject_lists_only_that_subject_newest_first()
    {
        // Art 5(2) accountability: who looked at or changed this person's record, latest at the top.
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.View, "party", "42", "Opened", null, Viewed);
        await RecordAsync(Council, "adoe", AuditTrail.Actions.View, "party", "43", "Opened", null, Viewed);
        await RecordAsync(Council, "adoe", AuditTrail.Actions.Change, "party", "42", "Changed name", null, Changed);
        await RecordAsync(Council, "adoe", AuditTrail.Actions.View, "account", "42", "Opened", null, Changed);

        var trail = await ForSubjectAsync(Council, "party", "42");

        trail.Select(e => (e.At, e.Officer, e.Action)).ShouldBe([(Changed, "adoe", "change"), (Viewed, "jsmith", "view")]);
    }

    [Fact]
    public async Task Recent_entries_list_newest_first_and_filter_by_officer()
    {
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.View, "party", "42", "Opened", null, Viewed);
        await RecordAsync(Council, "adoe", AuditTrail.Actions.Change, "party", "42", "Changed name", null, Changed);
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.Search, "party", "", "Searched for smith", null, Searched);

        var all = await ReadAsync(connection => AuditTrail.RecentAsync(connection, Council, officer: null));
        var jsmith = await ReadAsync(connection => AuditTrail.RecentAsync(connection, Council, officer: "jsmith"));

        all.Select(e => e.At).ShouldBe([Searched, Changed, Viewed]);
        jsmith.Select(e => (e.At, e.Action)).ShouldBe([(Searched, "search"), (Viewed, "view")]);
    }

    [Fact]
    public async Task Recent_entries_stop_at_the_limit_keeping_the_newest()
    {
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.View, "party", "42", "Opened", null, Viewed);
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.Change, "party", "42", "Changed", null, Changed);
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.Search, "party", "", "Searched", null, Searched);

        var recent = await ReadAsync(connection => AuditTrail.RecentAsync(connection, Council, officer: null, limit: 2));

        recent.Select(e => e.At).ShouldBe([Searched, Changed]);
    }

    [Fact]
    public async Task Each_council_sees_only_its_own_trail()
    {
        // An officer of a shared service reading one council's trail must not see another's.
        await Councils.SeedOtherAsync(Db, Now);
        await RecordAsync(Council, "jsmith", AuditTrail.Actions.View, "party", "42", "Ours", null, Viewed);
        await RecordAsync(Councils.Other, "jsmith", AuditTrail.Actions.View, "party", "42", "Theirs", null, Changed);

        (await ForSubjectAsync(Council, "party", "42")).ShouldHaveSingleItem().Detail.ShouldBe("Ours");
        (await ForSubjectAsync(Councils.Other, "party", "42")).ShouldHaveSingleItem().Detail.ShouldBe("Theirs");
        (await ReadAsync(connection => AuditTrail.RecentAsync(connection, Council, "jsmith"))).ShouldHaveSingleItem().Detail.ShouldBe("Ours");
        (await ReadAsync(connection => AuditTrail.RecentAsync(connection, Councils.Other, null))).ShouldHaveSingleItem().Detail.ShouldBe("Theirs");
    }

    [Fact]
    public async Task An_entry_can_be_recorded_outside_a_transaction()
    {
        // A failed sign-in has no unit of work to join, and must be logged all the same.
        await using (var connection = await Db.OpenAsync())
        {
            await AuditTrail.RecordAsync(connection, null, Council, "jsmith", AuditTrail.Actions.SignInFailed, "officer", "jsmith", "Wrong password", null, Viewed);
        }

        (await ForSubjectAsync(Council, "officer", "jsmith")).ShouldHaveSingleItem().Action.ShouldBe("sign-in-failed");
    }

    private Task RecordAsync(CouncilId council, string officer, string action, string subjectKind, string subjectId, string detail, string? remoteAddress, Instant at) =>
        InTransactionAsync(async (connection, tx) =>
        {
            await AuditTrail.RecordAsync(connection, tx, council, officer, action, subjectKind, subjectId, detail, remoteAddress, at);
            return 0;
        });

    private Task<IReadOnlyList<AuditEntry>> ForSubjectAsync(CouncilId council, string subjectKind, string subjectId) =>
        ReadAsync(connection => AuditTrail.ForSubjectAsync(connection, council, subjectKind, subjectId));
}
