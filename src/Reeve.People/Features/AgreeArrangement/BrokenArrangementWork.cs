using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.People;

/// <summary>
/// A broken arrangement is work for the Recovery team: raised where monitoring breaks it, in the same transaction, due
/// in <see cref="WorkingDaysToAct"/> working days; closed where a new arrangement is agreed for the person, and by the
/// daily duty once every account it covered is settled (nothing left owing in the Ledger).
/// </summary>
public sealed class BrokenArrangementWork : IDailyDuty
{
    public const string Source = "people.broken-arrangement";

    public const int WorkingDaysToAct = 10;

    public string Name => "Broken arrangements";

    public static string Key(long arrangementId) => arrangementId.ToString(CultureInfo.InvariantCulture);

    public static WorkToRaise For(long arrangementId, long partyId, string reason, LocalDate brokenOn) => new(
        Source, Key(arrangementId), "Broken arrangement", $"Arrangement {arrangementId} broken on {DateText.LongForm.Format(brokenOn)}: {reason}",
        WorkTeams.Recovery, WorkingDays.EnglandAndWales.AddWorkingDays(brokenOn, WorkingDaysToAct), WorkClock.WorkingDays, PartyId: partyId);

    /// <summary>A new arrangement for the person: their broken ones need no more action.</summary>
    internal static async Task CloseForPartyAsync(DbConnection connection, DbTransaction tx, CouncilId council, long partyId, Instant now)
    {
        var broken = await connection.QueryAsync<long>(
            "select arrangement_id from arrangement where council_id = @council and party_id = @partyId and status = 'broken'",
            new { council = council.Value, partyId }, tx);
        foreach (var id in broken)
        {
            await WorkQueue.CloseAsync(connection, tx, council, Source, Key(id), now);
        }
    }

    /// <summary>Closes the items of broken arrangements whose accounts are all settled now.</summary>
    public async Task<string?> RunAsync(DbConnection connection, DutyDay day, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var owing = await StillOwingAsync(connection, tx, day.Council, since: null);
        var closed = await WorkQueue.CloseAllExceptAsync(connection, tx, day.Council, Source, owing.Select(b => Key(b.ArrangementId)).ToList(), day.Now);
        await tx.CommitAsync(ct);
        return closed == 0 ? null : $"{(closed == 1 ? "1 broken arrangement" : $"{closed} broken arrangements")} settled and taken off the queue";
    }

    // Broken arrangements the person has made no new arrangement since, on accounts still owing.
    private static async Task<IReadOnlyList<Broken>> StillOwingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate? since)
    {
        var broken = (await connection.QueryAsync<Broken>(
            "select a.arrangement_id as ArrangementId, a.party_id as PartyId, a.ended_on as EndedOn, a.end_reason as EndReason from arrangement a " +
            "where a.council_id = @council and a.status = 'broken'" + (since is null ? "" : " and a.ended_on >= @since") +
            " and not exists (select 1 from arrangement n where n.council_id = a.council_id and n.party_id = a.party_id and n.arrangement_id > a.arrangement_id) " +
            "order by a.arrangement_id",
            new { council = council.Value, since }, tx)).ToList();
        if (broken.Count == 0)
        {
            return [];
        }

        var shares = new List<(long ArrangementId, long AccountId)>();
        foreach (var chunk in SqlLists.Chunks(broken.Select(b => b.ArrangementId)))
        {
            shares.AddRange(await connection.QueryAsync<(long ArrangementId, long AccountId)>(
                $"select arrangement_id, account_id from arrangement_account where council_id = @council and arrangement_id {SqlLists.AnyOf(connection, "ids")}",
                new { council = council.Value, ids = chunk }, tx));
        }

        var money = await AccountMoney.ForAccountsAsync(connection, council, shares.Select(s => s.AccountId).Distinct().ToList(), tx);
        var owing = shares.Where(s => money.TryGetValue(s.AccountId, out var m) && m.Balance.IsPositive).Select(s => s.ArrangementId).ToHashSet();
        return broken.Where(b => owing.Contains(b.ArrangementId)).ToList();
    }

    /// <summary>Arrangements broken in the three months before the queue arrived, still owing and not replaced.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => BrokenArrangementWork.Source;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await StillOwingAsync(connection, tx, council, today.PlusMonths(-3)))
            .Select(b => For(b.ArrangementId, b.PartyId, b.EndReason ?? "broken", b.EndedOn ?? today)).ToList();
    }

    private sealed class Broken
    {
        public long ArrangementId { get; set; }
        public long PartyId { get; set; }
        public LocalDate? EndedOn { get; set; }
        public string? EndReason { get; set; }
    }
}
