#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Recovery;

/// <summary>Reading court sessions, the places left on them, and the complaints listed at each.</summary>
public static class CourtSessions
{
    public static async Task<IReadOnlyList<CourtSession>> ListAsync(DbConnection connection, CouncilId council, LocalDate? from = null)
    {
        return (await connection.QueryAsync<SessionRow>(
                SessionRow.Select + " where s.council_id = @council" + (from is null ? "" : " and s.session_date >= @from") + SessionRow.Group + " order by s.session_date, s.session_id",
                new { council = council.Value, from }))
            .Select(r => r.ToSession()).ToList();
    }

    public static async Task<CourtSession?> GetAsync(DbConnection connection, CouncilId council, long sessionId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<SessionRow>(SessionRow.Select + " where s.council_id = @council and s.session_id = @sessionId" + SessionRow.Group,
            new { council = council.Value, sessionId }, tx))?.ToSession();

    internal static async Task<IReadOnlyList<CourtSessionSlot>> SlotsFromAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate day, CancellationToken ct)
    {
        return (await connection.QueryAsync<SessionRow>(new CommandDefinition(
                SessionRow.Select + " where s.council_id = @council and s.session_date > @day" + SessionRow.Group + " order by s.session_date, s.session_id",
                new { council = council.Value, day = day }, tx, cancellationToken: ct)))
            .Select(r => new CourtSessionSlot(r.session_id, r.session_date, r.court, r.capacity - r.listed)).ToList();
    }

    /// <summary>
    /// The complaints listed at a session, in account reference order, with the newest outcome of each. The defendant
    /// is the party most recently made liable on the account (the Ledger's liabilities, People's current name) and the
    /// address the account's property (Properties).
    /// </summary>
    public static async Task<IReadOnlyList<ComplaintLine>> ComplaintListAsync(DbConnection connection, CouncilId council, long sessionId, DbTransaction? tx = null)
    {
        var rows = (await connection.QueryAsync<ComplaintRow>(
            "select n.notice_id, n.account_id, n.financial_year, n.notice_date, n.served_on, n.amount_pence, n.costs_pence, " +
            "(select o.outcome from court_outcome o where o.council_id = n.council_id and o.notice_id = n.notice_id order by o.outcome_id desc limit 1) as outcome " +
            "from recovery_notice n where n.council_id = @council and n.session_id = @sessionId and n.step = 'summons'",
            new { council = council.Value, sessionId }, tx)).ToList();
        var accountIds = rows.Select(r => r.account_id).Distinct().ToList();
        var accounts = await AccountStore.GetManyAsync(connection, council, accountIds, tx);
        var defendants = (await AccountStore.PartiesOfAsync(connection, council, accountIds, tx))
            .GroupBy(p => p.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.LiableFrom).ThenBy(p => p.PartyId).First().PartyId);
        var names = await PartyNames.CurrentAsync(connection, council, defendants.Values.Distinct().ToList(), tx);
        var properties = await PropertyStore.GetManyAsync(connection, council, accounts.Values.Select(a => a.Uprn).OfType<long>().Distinct().ToList(), tx);
        return rows
            .Select(r =>
            {
                var account = accounts.GetValueOrDefault(r.account_id);
                var defendant = defendants.TryGetValue(r.account_id, out var partyId) ? names.GetValueOrDefault(partyId, "") : "";
                var address = account?.Uprn is { } uprn && properties.TryGetValue(uprn, out var p) ? $"{p.Line1}, {p.Town} {p.Postcode}" : "";
                return new ComplaintLine(r.notice_id, r.account_id, account?.Reference.Value ?? "", new FinancialYear(r.financial_year), defendant, address,
                    r.notice_date, r.served_on, Money.FromPence(r.amount_pence), Money.FromPence(r.costs_pence), r.outcome);
            })
            .OrderBy(l => l.Reference, StringComparer.Ordinal).ThenBy(l => l.Year.StartYear)
            .ToList();
    }

    private sealed class SessionRow
    {
        public const string Select =
            "select s.session_id, s.court, s.session_date, s.session_time, s.capacity, count(n.notice_id) as listed from court_session s " +
            "left join recovery_notice n on n.council_id = s.council_id and n.session_id = s.session_id and n.step = 'summons'";

        public const string Group = " group by s.session_id, s.court, s.session_date, s.session_time, s.capacity";

        public long session_id { get; set; }
        public string court { get; set; } = "";
        public LocalDate session_date { get; set; }
        public string session_time { get; set; } = "";
        public int capacity { get; set; }
        public int listed { get; set; }

        public CourtSession ToSession() => new(session_id, court, session_date, session_time, capacity, listed);
    }

    private sealed class ComplaintRow
    {
        public long notice_id { get; set; }
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public LocalDate notice_date { get; set; }
        public LocalDate? served_on { get; set; }
        public long amount_pence { get; set; }
        public long costs_pence { get; set; }
        public string? outcome { get; set; }
    }
}
