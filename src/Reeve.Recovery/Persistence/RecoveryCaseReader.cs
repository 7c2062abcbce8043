using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
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
/// Reads every council tax and business rates account's years for a range of accounts in five set-based queries
/// (accounts, the current bill's instalments, payments and their reversals, holds, notices already issued), so a
/// run over a million accounts makes a handful of round trips per chunk rather than several per account.
/// </summary>
internal static class RecoveryCaseReader
{
    public sealed record Chunk(IReadOnlyList<AccountYear> Years, long LastAccountId, int Accounts);

    public static async Task<Chunk> LoadAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate asAt, long afterAccountId, int chunkSize, long? onlyAccount = null, CancellationToken ct = default)
    {
        var postgres = connection is Npgsql.NpgsqlConnection;
        var accounts = new Dictionary<long, (string Reference, AccountKind Kind)>();
        var last = afterAccountId;
        await using (var command = Command(connection, tx,
            "select account_id, reference, kind from account where council_id = @council and account_id > @after and kind in ('council-tax', 'business-rates')" +
            (onlyAccount is null ? "" : " and account_id = @only") + " order by account_id limit @limit",
            ("council", council.Value), ("after", afterAccountId), ("limit", chunkSize), ("only", onlyAccount ?? 0)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                last = reader.GetInt64(0);
                accounts[last] = (reader.GetString(1), AccountKinds.FromCode(reader.GetString(2)));
            }
        }

        if (accounts.Count == 0)
        {
            return new Chunk([], last, 0);
        }

        var range = new (string, object)[] { ("council", council.Value), ("lo", afterAccountId), ("hi", last), ("asAt", DapperSetup.ToDb(asAt, postgres)) };
        var years = new Dictionary<(long, int), AccountYear>();

        // The bill in force is the newest version issued by the as-at date; a re-bill replaces the instalments
        // (CTAE Regs 1992 reg 24), and recovery follows the new ones from then on.
        await using (var command = Command(connection, tx,
            "select i.account_id, i.financial_year, i.due_on, i.amount_pence from instalment i " +
            "join (select account_id, financial_year, max(version) as version from bill where council_id = @council and account_id > @lo and account_id <= @hi and issued_on <= @asAt group by account_id, financial_year) b " +
            "on b.account_id = i.account_id and b.financial_year = i.financial_year and b.version = i.version " +
            "where i.council_id = @council and i.account_id > @lo and i.account_id <= @hi order by i.account_id, i.financial_year, i.seq", range))
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
            "select entry_id, account_id, financial_year, effective_date, amount_pence, kind, reverses_entry_id from ledger_entry " +
            "where council_id = @council and account_id > @lo and account_id <= @hi and kind in ('payment', 'reversal') and effective_date <= @asAt", range))
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
            "select account_id, reason, hold_from, hold_to, note from account_hold where council_id = @council and account_id > @lo and account_id <= @hi and hold_from <= @asAt", range))
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

        return new Chunk([.. years.Values.OrderBy(y => y.AccountId).ThenBy(y => y.Year.StartYear)], last, accounts.Count);
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
