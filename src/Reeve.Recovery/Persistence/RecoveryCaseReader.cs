using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>
/// Reads a range of accounts of the debt streams the engine recovers (<see cref="RecoveryStreams"/>) in a few
/// set-based queries: which account years can have a step today (worked out in the database into a temporary
/// table), then for those only the accounts, the due schedule in force (each stream's
/// <see cref="IDebtStream.DueScheduleSql"/>), payments and their reversals, holds and the notices already issued.
/// A run over a million accounts makes a handful of round trips per chunk rather than several per account.
/// </summary>
internal static class RecoveryCaseReader
{
    public sealed record Chunk(IReadOnlyList<AccountYear> Years, long LastAccountId, int Accounts);

    /// <summary>How many accounts of the recovered kinds come after <paramref name="afterAccountId"/>, for a run's progress.</summary>
    public static Task<int> CountAccountsAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long afterAccountId, CancellationToken ct) =>
        AccountRanges.CountAfterAsync(connection, tx, council, RecoveryStreams.Recovered().Select(s => s.Kind).ToList(), afterAccountId, ct);

    public static async Task<Chunk> LoadAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate asAt, long afterAccountId, int chunkSize, long? onlyAccount = null, FinancialYear? onlyYear = null, CancellationToken ct = default)
    {
        var streams = RecoveryStreams.Recovered();
        var kinds = string.Join(", ", streams.Select(s => $"'{s.Kind.Code()}'"));
        var schedule = string.Join(" union all ", streams.Select(s => s.DueScheduleSql));
        var (count, last) = await AccountRanges.NextChunkAsync(connection, tx, council, streams.Select(s => s.Kind).ToList(), afterAccountId, chunkSize, onlyAccount, ct);

        if (count == 0)
        {
            return new Chunk([], afterAccountId, 0);
        }

        var range = new { council = council.Value, lo = onlyAccount is { } one ? one - 1 : afterAccountId, hi = last, asAt, year = onlyYear?.StartYear ?? 0 };

        // Only the account years where something can happen today are read in full: those with instalments due
        // and unpaid by the run date, and those with a notice already issued (whose periods may be running). A
        // year with neither has nothing a reminder, a loss of instalments or a summons could be for. The test is
        // worked out in the database, so a run reads the detail of the few per cent in arrears, not of everyone.
        await Execute(connection, tx, "create temp table if not exists recovery_chunk (account_id bigint not null, financial_year integer not null, primary key (account_id, financial_year))", null, ct);
        await Execute(connection, tx, "delete from recovery_chunk", null, ct);
        await Execute(connection, tx, onlyAccount is not null
            ? "insert into recovery_chunk (account_id, financial_year) select distinct account_id, financial_year from (" + schedule + ") s"
            : "insert into recovery_chunk (account_id, financial_year) " +
              "select d.account_id, d.financial_year from (" +
              " select s.account_id, s.financial_year, sum(s.amount_pence) as due from (" + schedule + ") s" +
              " where s.due_on <= @asAt group by s.account_id, s.financial_year) d " +
              "left join (" + AccountMoney.NetPaymentsByYearSql + ") p on p.account_id = d.account_id and p.financial_year = d.financial_year " +
              "where d.due > coalesce(p.paid, 0) " +
              "union select n.account_id, n.financial_year from recovery_notice n where n.council_id = @council and n.account_id > @lo and n.account_id <= @hi",
            range, ct);
        if (onlyYear is not null)
        {
            await Execute(connection, tx, "delete from recovery_chunk where financial_year <> @year", range, ct);
        }

        var accounts = new Dictionary<long, (string Reference, AccountKind Kind)>();
        foreach (var (accountId, reference, kind) in await connection.QueryAsync<(long AccountId, string Reference, string Kind)>(new CommandDefinition(
            "select a.account_id, a.reference, a.kind from (" + AccountRanges.AccountsSql + ") a join (select distinct account_id from recovery_chunk) c on c.account_id = a.account_id " +
            "where a.kind in (" + kinds + ")", range, tx, cancellationToken: ct)))
        {
            accounts[accountId] = (reference, AccountKinds.FromCode(kind));
        }

        var years = new Dictionary<(long, int), AccountYear>();

        // The schedule in force is the stream's to say (for council tax, the newest bill issued by the as-at date).
        var instalments = await connection.QueryAsync<(long AccountId, int Year, LocalDate DueOn, long Pence)>(new CommandDefinition(
            "select s.account_id, s.financial_year, s.due_on, s.amount_pence from (" + schedule + ") s " +
            "join recovery_chunk c on c.account_id = s.account_id and c.financial_year = s.financial_year " +
            "order by s.account_id, s.financial_year, s.seq", range, tx, cancellationToken: ct));
        foreach (var (accountId, year, dueOn, pence) in instalments)
        {
            if (!accounts.TryGetValue(accountId, out var account))
            {
                continue;
            }

            if (!years.TryGetValue((accountId, year), out var ay))
            {
                ay = new AccountYear(accountId, account.Reference, account.Kind, new FinancialYear(year));
                years[(accountId, year)] = ay;
            }

            ay.Instalments.Add(new Instalment(dueOn, Money.FromPence(pence)));
        }

        // Payments count from their date. A payment reversed by the as-at date (an unpaid Direct Debit, a bounced
        // cheque) never paid anything, so the instalment it was meant for was missed on its due date.
        var payments = new Dictionary<long, (long AccountId, int Year, LocalDate Date, long Pence)>();
        var reversed = new HashSet<long>();
        var entries = await connection.QueryAsync<(long EntryId, long AccountId, int Year, LocalDate EffectiveDate, long Pence, string Kind, long? Reverses)>(new CommandDefinition(
            "select e.entry_id, e.account_id, e.financial_year, e.effective_date, e.amount_pence, e.kind, e.reverses_entry_id from (" + AccountRanges.PaymentsAndReversalsSql + ") e " +
            "join recovery_chunk c on c.account_id = e.account_id and c.financial_year = e.financial_year", range, tx, cancellationToken: ct));
        foreach (var e in entries)
        {
            if (e.Kind == "payment")
            {
                payments[e.EntryId] = (e.AccountId, e.Year, e.EffectiveDate, e.Pence);
            }
            else if (e.Reverses is { } reverses)
            {
                reversed.Add(reverses);
            }
        }

        foreach (var (entryId, p) in payments)
        {
            if (!reversed.Contains(entryId) && years.TryGetValue((p.AccountId, p.Year), out var ay))
            {
                ay.Payments.Add(new Payment(p.Date, Money.FromPence(p.Pence)));
            }
        }

        var byAccount = years.Values.ToLookup(y => y.AccountId);
        var holds = await connection.QueryAsync<(long AccountId, string Reason, LocalDate From, LocalDate? To, string Note)>(new CommandDefinition(
            "select h.account_id, h.reason, h.hold_from, h.hold_to, h.note from (" + AccountRanges.HoldsSql + ") h join (select distinct account_id from recovery_chunk) c on c.account_id = h.account_id",
            range, tx, cancellationToken: ct));
        foreach (var (holdAccount, reasonCode, from, to, note) in holds)
        {
            var reason = HoldReasons.FromCode(reasonCode) ?? HoldReason.Officer;
            if (to is { } end && end < from)
            {
                continue;
            }

            foreach (var ay in byAccount[holdAccount])
            {
                ay.Holds.Add(new Hold(new DateInterval(from, to ?? LocalDate.MaxIsoValue), reason.Code()));
                if (to is null || to >= asAt)
                {
                    ay.HoldsInForce.Add((reason, from, to, note));
                }
            }
        }

        var notices = await connection.QueryAsync<(long NoticeId, long AccountId, int Year, string Step, LocalDate NoticeDate, LocalDate? SessionDate)>(new CommandDefinition(
            "select n.notice_id, n.account_id, n.financial_year, n.step, n.notice_date, s.session_date from recovery_notice n " +
            "left join court_session s on s.council_id = n.council_id and s.session_id = n.session_id " +
            "where n.council_id = @council and n.account_id > @lo and n.account_id <= @hi order by n.notice_date, n.notice_id", range, tx, cancellationToken: ct));
        foreach (var n in notices)
        {
            if (years.TryGetValue((n.AccountId, n.Year), out var ay) && RecoverySteps.FromCode(n.Step) is { } step)
            {
                ay.Notices.Add(new RecordedNotice(n.NoticeId, ay.Year, step, n.NoticeDate, n.SessionDate));
            }
        }

        return new Chunk([.. years.Values.OrderBy(y => y.AccountId).ThenBy(y => y.Year.StartYear)], last, count);
    }

    private static Task Execute(DbConnection connection, DbTransaction? tx, string sql, object? parameters, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
}
