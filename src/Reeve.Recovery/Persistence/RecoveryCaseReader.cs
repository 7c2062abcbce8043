using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>A notice row as the run recorded it.</summary>
internal sealed record RecordedNotice(long NoticeId, FinancialYear Year, RecoveryStep Step, LocalDate Date, LocalDate? Hearing);

/// <summary>One account's financial year, as the recovery run reads it from the database.</summary>
internal sealed class AccountYear(long accountId, string reference, AccountKind kind, FinancialYear year)
{
    public long AccountId { get; } = accountId;
    public string Reference { get; } = reference;
    public AccountKind Kind { get; } = kind;
    public FinancialYear Year { get; } = year;
    public List<Instalment> Instalments { get; } = [];
    public List<Payment> Payments { get; } = [];
    public List<Hold> Holds { get; } = [];
    public List<(HoldReason Reason, LocalDate From, LocalDate? To, string Note)> HoldsInForce { get; } = [];
    public List<RecordedNotice> Notices { get; } = [];
}

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

    public static async Task<Chunk> LoadAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate asAt, long afterAccountId, int chunkSize, long? onlyAccount = null, FinancialYear? onlyYear = null, CancellationToken ct = default)
    {
        var postgres = connection is Npgsql.NpgsqlConnection;
        var streams = RecoveryStreams.Recovered();
        var kinds = string.Join(", ", streams.Select(s => $"'{s.Kind.Code()}'"));
        var schedule = string.Join(" union all ", streams.Select(s => s.DueScheduleSql));
        long last;
        int count;
        await using (var command = Command(connection, tx,
            "select count(*), coalesce(max(account_id), 0) from (select account_id from account where council_id = @council and account_id > @after and kind in (" + kinds + ")" +
            (onlyAccount is null ? "" : " and account_id = @only") + " order by account_id limit @limit) c",
            ("council", council.Value), ("after", afterAccountId), ("limit", chunkSize), ("only", onlyAccount ?? 0)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            count = (int)reader.GetInt64(0);
            last = reader.GetInt64(1);
        }

        if (count == 0)
        {
            return new Chunk([], afterAccountId, 0);
        }

        var range = new (string, object)[] { ("council", council.Value), ("lo", onlyAccount is { } one ? one - 1 : afterAccountId), ("hi", last), ("asAt", DapperSetup.ToDb(asAt, postgres)) };

        // Only the account years where something can happen today are read in full: those with instalments due
        // and unpaid by the run date, and those with a notice already issued (whose periods may be running). A
        // year with neither has nothing a reminder, a loss of instalments or a summons could be for. The test is
        // worked out in the database, so a run reads the detail of the few per cent in arrears, not of everyone.
        await Execute(connection, tx, "create temp table if not exists recovery_chunk (account_id bigint not null, financial_year integer not null, primary key (account_id, financial_year))", [], ct);
        await Execute(connection, tx, "delete from recovery_chunk", [], ct);
        range = [.. range, ("year", onlyYear?.StartYear ?? 0)];
        await Execute(connection, tx, onlyAccount is not null
            ? "insert into recovery_chunk (account_id, financial_year) select distinct account_id, financial_year from (" + schedule + ") s"
            : "insert into recovery_chunk (account_id, financial_year) " +
              "select d.account_id, d.financial_year from (" +
              " select s.account_id, s.financial_year, sum(s.amount_pence) as due from (" + schedule + ") s" +
              " where s.due_on <= @asAt group by s.account_id, s.financial_year) d " +
              "left join (" +
              " select p.account_id, p.financial_year, sum(p.amount_pence) as paid from ledger_entry p" +
              " where p.council_id = @council and p.account_id > @lo and p.account_id <= @hi and p.kind = 'payment' and p.effective_date <= @asAt" +
              " and p.entry_id not in (select r.reverses_entry_id from ledger_entry r where r.council_id = @council and r.account_id > @lo and r.account_id <= @hi" +
              "  and r.kind = 'reversal' and r.reverses_entry_id is not null and r.effective_date <= @asAt)" +
              " group by p.account_id, p.financial_year) p on p.account_id = d.account_id and p.financial_year = d.financial_year " +
              "where d.due > coalesce(p.paid, 0) " +
              "union select n.account_id, n.financial_year from recovery_notice n where n.council_id = @council and n.account_id > @lo and n.account_id <= @hi",
            range, ct);
        if (onlyYear is not null)
        {
            await Execute(connection, tx, "delete from recovery_chunk where financial_year <> @year", range, ct);
        }

        var accounts = new Dictionary<long, (string Reference, AccountKind Kind)>();
        await using (var command = Command(connection, tx,
            "select a.account_id, a.reference, a.kind from account a join (select distinct account_id from recovery_chunk) c on c.account_id = a.account_id " +
            "where a.council_id = @council and a.kind in (" + kinds + ")", range))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                accounts[reader.GetInt64(0)] = (reader.GetString(1), AccountKinds.FromCode(reader.GetString(2)));
            }
        }

        var years = new Dictionary<(long, int), AccountYear>();

        // The schedule in force is the stream's to say (for council tax, the newest bill issued by the as-at date).
        await using (var command = Command(connection, tx,
            "select s.account_id, s.financial_year, s.due_on, s.amount_pence from (" + schedule + ") s " +
            "join recovery_chunk c on c.account_id = s.account_id and c.financial_year = s.financial_year " +
            "order by s.account_id, s.financial_year, s.seq", range))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var accountId = reader.GetInt64(0);
                var year = reader.GetInt32(1);
                if (!accounts.TryGetValue(accountId, out var account))
                {
                    continue;
                }

                if (!years.TryGetValue((accountId, year), out var ay))
                {
                    ay = new AccountYear(accountId, account.Reference, account.Kind, new FinancialYear(year));
                    years[(accountId, year)] = ay;
                }

                ay.Instalments.Add(new Instalment(DapperSetup.ReadDate(reader.GetValue(2)), Money.FromPence(reader.GetInt64(3))));
            }
        }

        // Payments count from their date. A payment reversed by the as-at date (an unpaid Direct Debit, a bounced
        // cheque) never paid anything, so the instalment it was meant for was missed on its due date.
        var payments = new Dictionary<long, (long AccountId, int Year, LocalDate Date, long Pence)>();
        var reversed = new HashSet<long>();
        await using (var command = Command(connection, tx,
            "select e.entry_id, e.account_id, e.financial_year, e.effective_date, e.amount_pence, e.kind, e.reverses_entry_id from ledger_entry e " +
            "join recovery_chunk c on c.account_id = e.account_id and c.financial_year = e.financial_year " +
            "where e.council_id = @council and e.account_id > @lo and e.account_id <= @hi and e.kind in ('payment', 'reversal') and e.effective_date <= @asAt", range))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(5) == "payment")
                {
                    payments[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt32(2), DapperSetup.ReadDate(reader.GetValue(3)), reader.GetInt64(4));
                }
                else if (!reader.IsDBNull(6))
                {
                    reversed.Add(reader.GetInt64(6));
                }
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
        await using (var command = Command(connection, tx,
            "select h.account_id, h.reason, h.hold_from, h.hold_to, h.note from account_hold h join (select distinct account_id from recovery_chunk) c on c.account_id = h.account_id " +
            "where h.council_id = @council and h.account_id > @lo and h.account_id <= @hi and h.hold_from <= @asAt", range))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var reason = HoldReasons.FromCode(reader.GetString(1)) ?? HoldReason.Officer;
                var from = DapperSetup.ReadDate(reader.GetValue(2));
                LocalDate? to = reader.IsDBNull(3) ? null : DapperSetup.ReadDate(reader.GetValue(3));
                if (to is { } end && end < from)
                {
                    continue;
                }

                var note = reader.GetString(4);
                foreach (var ay in byAccount[reader.GetInt64(0)])
                {
                    ay.Holds.Add(new Hold(new DateInterval(from, to ?? LocalDate.MaxIsoValue), reason.Code()));
                    if (to is null || to >= asAt)
                    {
                        ay.HoldsInForce.Add((reason, from, to, note));
                    }
                }
            }
        }

        await using (var command = Command(connection, tx,
            "select n.notice_id, n.account_id, n.financial_year, n.step, n.notice_date, s.session_date from recovery_notice n " +
            "left join court_session s on s.council_id = n.council_id and s.session_id = n.session_id " +
            "where n.council_id = @council and n.account_id > @lo and n.account_id <= @hi order by n.notice_date, n.notice_id", range))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (years.TryGetValue((reader.GetInt64(1), reader.GetInt32(2)), out var ay) && RecoverySteps.FromCode(reader.GetString(3)) is { } step)
                {
                    ay.Notices.Add(new RecordedNotice(reader.GetInt64(0), ay.Year, step, DapperSetup.ReadDate(reader.GetValue(4)),
                        reader.IsDBNull(5) ? null : DapperSetup.ReadDate(reader.GetValue(5))));
                }
            }
        }

        return new Chunk([.. years.Values.OrderBy(y => y.AccountId).ThenBy(y => y.Year.StartYear)], last, count);
    }

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, (string Name, object Value)[] parameters, CancellationToken ct)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
