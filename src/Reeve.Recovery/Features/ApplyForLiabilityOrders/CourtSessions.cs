#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Recovery;

public sealed record CourtSession(long SessionId, string Court, LocalDate Date, string Time, int Capacity, int Listed);

/// <summary>One complaint on a session's list: a summons for an account's year, with what the court has decided.</summary>
public sealed record ComplaintLine(
    long NoticeId, long AccountId, string Reference, FinancialYear Year, string Defendant, string Address, LocalDate IssuedOn,
    LocalDate? ServedOn, Money Amount, Money SummonsCosts, string? Outcome);

public enum HearingOutcome
{
    LiabilityOrder,
    Withdrawn,
    Adjourned,
    PaidBeforeHearing,
}

public sealed record OutcomeEntry(string Reference, HearingOutcome Outcome, string Note = "");

public sealed record OutcomeResult(string Reference, FinancialYear Year, HearingOutcome Recorded, Money Costs, string Why);

/// <summary>
/// Magistrates' court sessions for liability order complaints (CTAE Regs 1992 regs 34-35; NNDR Regs 1989 regs 11-12),
/// the complaint list for a session, and the outcomes of a hearing recorded in bulk. A summons paid in full with
/// its costs before the hearing is not pursued (reg 34(5)): it is recorded as paid before the hearing, with no
/// liability order costs, whatever outcome was entered for it.
/// </summary>
public static class CourtSessions
{
    public const string LiabilityOrderSource = "CTAE Regs 1992 (SI 1992/613) reg 34(6)-(7): liability order with costs reasonably incurred";
    public const string PaidBeforeHearingSource = "CTAE Regs 1992 (SI 1992/613) reg 34(5): the sum and costs paid before the hearing; the application is not pursued";

    public static string Code(this HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.LiabilityOrder => "liability-order",
        HearingOutcome.Withdrawn => "withdrawn",
        HearingOutcome.Adjourned => "adjourned",
        HearingOutcome.PaidBeforeHearing => "paid-before-hearing",
    };

    public static string Title(this HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.LiabilityOrder => "Liability order granted",
        HearingOutcome.Withdrawn => "Withdrawn",
        HearingOutcome.Adjourned => "Adjourned",
        HearingOutcome.PaidBeforeHearing => "Paid before the hearing",
    };

    public static HearingOutcome? OutcomeFromCode(string code) =>
        Enum.GetValues<HearingOutcome>().Where(o => string.Equals(o.Code(), code.Trim(), StringComparison.OrdinalIgnoreCase)).Select(o => (HearingOutcome?)o).FirstOrDefault();

    public static async Task<Outcome<CourtSession>> AddAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string court, LocalDate date, string time, int capacity, LocalDate today, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(court))
        {
            return new Outcome<CourtSession>.Invalid("court", "Enter the magistrates' court");
        }

        if (capacity < 1)
        {
            return new Outcome<CourtSession>.Invalid("capacity", "A session must have room for at least one complaint");
        }

        if (date <= today)
        {
            return new Outcome<CourtSession>.Invalid("date", $"A court session must be after today ({DateText.Iso.Format(today)})");
        }

        if (!LocalTimeIsValid(time))
        {
            return new Outcome<CourtSession>.Invalid("time", "Enter the time as HH:MM, for example 10:00");
        }

        if (!WorkingDays.EnglandAndWales.IsWorkingDay(date))
        {
            return new Outcome<CourtSession>.Invalid("date", $"{DateText.Iso.Format(date)} is not a business day; the court does not sit");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "court_session", 1);
        await connection.ExecuteAsync(
            "insert into court_session (council_id, session_id, court, session_date, session_time, capacity, created_by, created_at) values (@council, @id, @court, @date, @time, @capacity, @officer, @now)",
            new { council = council.Value, id, court = court.Trim(), date = date, time = time.Trim(), capacity, officer, now = now }, tx);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "court-session", id.ToString(CultureInfo.InvariantCulture),
            $"Added a court session at {court.Trim()} on {DateText.Iso.Format(date)} {time.Trim()} for {capacity} complaints", null, now);
        return new CourtSession(id, court.Trim(), date, time.Trim(), capacity, 0);
    }

    private static bool LocalTimeIsValid(string time) =>
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time.Trim()).Success;

    public static async Task<IReadOnlyList<CourtSession>> ListAsync(DbConnection connection, CouncilId council, LocalDate? from = null)
    {
        return (await connection.QueryAsync<SessionRow>(
                SessionRow.Select + " where s.council_id = @council" + (from is null ? "" : " and s.session_date >= @from") + SessionRow.Group + " order by s.session_date, s.session_id",
                new { council = council.Value, from }))
            .Select(r => r.ToSession()).ToList();
    }

    public static async Task<CourtSession?> GetAsync(DbConnection connection, CouncilId council, long sessionId) =>
        (await connection.QuerySingleOrDefaultAsync<SessionRow>(SessionRow.Select + " where s.council_id = @council and s.session_id = @sessionId" + SessionRow.Group,
            new { council = council.Value, sessionId }))?.ToSession();

    internal static async Task<IReadOnlyList<RecoveryRun.CourtSessionSlot>> SlotsFromAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate day, CancellationToken ct)
    {
        return (await connection.QueryAsync<SessionRow>(new CommandDefinition(
                SessionRow.Select + " where s.council_id = @council and s.session_date > @day" + SessionRow.Group + " order by s.session_date, s.session_id",
                new { council = council.Value, day = day }, tx, cancellationToken: ct)))
            .Select(r => new RecoveryRun.CourtSessionSlot(r.session_id, r.session_date, r.court, r.capacity - r.listed)).ToList();
    }

    /// <summary>The complaints listed at a session, in account reference order, with the newest outcome of each.</summary>
    public static async Task<IReadOnlyList<ComplaintLine>> ComplaintListAsync(DbConnection connection, CouncilId council, long sessionId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<ComplaintRow>(
            "select n.notice_id, n.account_id, a.reference, n.financial_year, n.notice_date, n.served_on, n.amount_pence, n.costs_pence, " +
            "coalesce((select pn.display_name from account_party ap join party_name pn on pn.council_id = ap.council_id and pn.party_id = ap.party_id " +
            "  where ap.council_id = n.council_id and ap.account_id = n.account_id order by ap.liable_from desc, pn.name_seq desc limit 1), '') as defendant, " +
            "coalesce(p.address_line1 || ', ' || p.town || ' ' || p.postcode, '') as address, " +
            "(select o.outcome from court_outcome o where o.council_id = n.council_id and o.notice_id = n.notice_id order by o.outcome_id desc limit 1) as outcome " +
            "from recovery_notice n join account a on a.council_id = n.council_id and a.account_id = n.account_id " +
            "left join property p on p.council_id = a.council_id and p.uprn = a.uprn " +
            "where n.council_id = @council and n.session_id = @sessionId and n.step = 'summons' order by a.reference, n.financial_year",
            new { council = council.Value, sessionId }, tx))
        .Select(r => new ComplaintLine(r.notice_id, r.account_id, r.reference, new FinancialYear(r.financial_year), r.defendant, r.address,
            r.notice_date, r.served_on, Money.FromPence(r.amount_pence),
            Money.FromPence(r.costs_pence), r.outcome))
        .ToList();

    /// <summary>The complaint list as CSV (RFC 4180), one line per complaint, for the court's case management.</summary>
    public static string ComplaintListCsv(CourtSession session, IReadOnlyList<ComplaintLine> lines)
    {
        var csv = new StringBuilder();
        csv.Append("court,session_date,session_time,account_reference,financial_year,defendant,address,summons_issued,served_on,amount,summons_costs,total\r\n");
        foreach (var l in lines)
        {
            csv.AppendJoin(',', [
                Csv(session.Court), DateText.Iso.Format(session.Date), session.Time, Csv(l.Reference), l.Year.ToString(), Csv(l.Defendant), Csv(l.Address),
                DateText.Iso.Format(l.IssuedOn), l.ServedOn is { } s ? DateText.Iso.Format(s) : "", l.Amount.ToPlainString(), l.SummonsCosts.ToPlainString(),
                (l.Amount + l.SummonsCosts).ToPlainString(),
            ]).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The complaint list as a PDF for the court and the council's court officer: the session, the regulation the
    /// complaints are made under, and each summons with the defendant, the sum outstanding and the costs.
    /// </summary>
    public static byte[] ComplaintListPdf(string councilName, CourtSession session, IReadOnlyList<ComplaintLine> lines) =>
        ListPdf.Render(
            $"Complaint list: {session.Court}",
            [
                $"{councilName}: complaints for liability orders, {DateText.LongForm.Format(session.Date)} at {session.Time}",
                "Council Tax (Administration and Enforcement) Regulations 1992 reg 34; Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 reg 12",
                $"{lines.Count} complaint{(lines.Count == 1 ? "" : "s")}; total outstanding with costs {Money.Sum(lines.Select(l => l.Amount + l.SummonsCosts)).ToDisplayString()}",
            ],
            [
                new ListColumn("Account", 20), new ListColumn("Year", 15), new ListColumn("Defendant", 36), new ListColumn("Address", 50),
                new ListColumn("Served", 18), new ListColumn("Outstanding", 21, Right: true), new ListColumn("Costs", 17, Right: true),
            ],
            lines.Select(l => (IReadOnlyList<string>)
            [
                l.Reference, l.Year.ToString(), l.Defendant, l.Address, l.ServedOn is { } served ? DateText.Iso.Format(served) : "",
                l.Amount.ToDisplayString(), l.SummonsCosts.ToDisplayString(),
            ]).ToList());

    /// <summary>The complaint list as a self-contained, printable HTML page with a proper table for screen readers.</summary>
    public static string ComplaintListHtml(string councilName, CourtSession session, IReadOnlyList<ComplaintLine> lines)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(H($"Complaint list: {session.Court}, {DateText.Iso.Format(session.Date)}"))
            .Append("</title><style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}table{border-collapse:collapse;width:100%}" +
                    "th,td{border:1px solid #505a5f;padding:4px 6px;text-align:left;vertical-align:top}td.n{text-align:right}caption{text-align:left;font-weight:bold;margin-bottom:.5em}</style></head><body>")
            .Append("<h1>").Append(H($"{councilName}: applications for liability orders")).Append("</h1>")
            .Append("<p>").Append(H($"{session.Court}, {DateText.LongForm.Format(session.Date)} at {session.Time}. Complaints under the Council Tax (Administration and Enforcement) Regulations 1992 reg 34. {lines.Count} complaints; total {Money.Sum(lines.Select(l => l.Amount + l.SummonsCosts)).ToDisplayString()}.")).Append("</p>")
            .Append("<table><caption>Complaints</caption><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Year</th><th scope=\"col\">Defendant</th><th scope=\"col\">Address</th>" +
                    "<th scope=\"col\">Summons issued</th><th scope=\"col\">Served</th><th scope=\"col\">Amount</th><th scope=\"col\">Costs</th><th scope=\"col\">Total</th></tr></thead><tbody>");
        foreach (var l in lines)
        {
            html.Append("<tr><td>").Append(H(l.Reference)).Append("</td><td>").Append(H(l.Year.ToString())).Append("</td><td>").Append(H(l.Defendant))
                .Append("</td><td>").Append(H(l.Address)).Append("</td><td>").Append(DateText.Iso.Format(l.IssuedOn)).Append("</td><td>")
                .Append(l.ServedOn is { } s ? DateText.Iso.Format(s) : "").Append("</td><td class=\"n\">").Append(H(l.Amount.ToDisplayString()))
                .Append("</td><td class=\"n\">").Append(H(l.SummonsCosts.ToDisplayString())).Append("</td><td class=\"n\">")
                .Append(H((l.Amount + l.SummonsCosts).ToDisplayString())).Append("</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>
    /// Records a hearing's outcomes for a session, all or nothing. Every reference must be on the session's list.
    /// A liability order adds the council's liability order costs; a summons whose year was paid in full with the
    /// summons costs before the hearing is recorded as paid before the hearing instead (reg 34(5)).
    /// </summary>
    public static async Task<Outcome<IReadOnlyList<OutcomeResult>>> RecordOutcomesAsync(
        ReeveDatabase db, CouncilId council, long sessionId, IReadOnlyList<OutcomeEntry> entries, string officer, Instant now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var session = await GetAsync(connection, council, sessionId);
        if (session is null)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.NotFound($"court session {sessionId}");
        }

        if (entries.Count == 0)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid("outcomes", "Enter at least one outcome");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var list = (await ComplaintListAsync(connection, council, sessionId, tx)).ToLookup(l => l.Reference, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!list.Contains(entries[i].Reference.Trim()))
            {
                return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid($"outcomes[{i}].reference",
                    $"Account {entries[i].Reference} is not on the list for {session.Court} on {DateText.Iso.Format(session.Date)}; nothing was recorded");
            }
        }

        var duplicate = entries.GroupBy(e => e.Reference.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new Outcome<IReadOnlyList<OutcomeResult>>.Invalid("outcomes", $"Account {duplicate.Key} is given more than one outcome; nothing was recorded");
        }

        var results = new List<OutcomeResult>();
        var costsEntries = new List<NewEntry>();
        var rows = new List<(ComplaintLine Line, HearingOutcome Outcome, Money Costs, string Note, string Why)>();
        foreach (var entry in entries)
        {
            foreach (var line in list[entry.Reference.Trim()])
            {
                if (line.Outcome is not (null or "adjourned"))
                {
                    results.Add(new OutcomeResult(line.Reference, line.Year, OutcomeFromCode(line.Outcome)!.Value, Money.Zero, $"Already recorded: {line.Outcome}; nothing changed"));
                    continue;
                }

                // The year's balance before the hearing day: what is owed for the year including the summons costs.
                var balance = await connection.ExecuteScalarAsync<long>(
                    "select coalesce(sum(case when debit_book = 'debtors' then amount_pence when credit_book = 'debtors' then -amount_pence else 0 end), 0) from ledger_entry " +
                    "where council_id = @council and account_id = @account and financial_year = @year and effective_date < @hearing",
                    new { council = council.Value, account = line.AccountId, year = line.Year.StartYear, hearing = session.Date }, tx);
                var outcome = entry.Outcome;
                var why = outcome.Title();
                if (balance <= 0 && outcome is HearingOutcome.LiabilityOrder or HearingOutcome.Adjourned)
                {
                    outcome = HearingOutcome.PaidBeforeHearing;
                    why = "The sum and the summons costs were paid before the hearing, so the application was not pursued (reg 34(5)); no liability order costs";
                }

                var costs = Money.Zero;
                var refusedCosts = false;
                if (outcome == HearingOutcome.LiabilityOrder)
                {
                    var kind = AccountKinds.FromCode(await connection.ExecuteScalarAsync<string>("select kind from account where council_id = @council and account_id = @account",
                        new { council = council.Value, account = line.AccountId }, tx) ?? "council-tax");
                    var rates = await RecoverySettings.CostsOnAsync(connection, tx, council, kind, session.Date);
                    if (rates is { LiabilityOrderCosts.IsPositive: true } && await Moratoriums.InForceAsync(connection, tx, council, line.AccountId, session.Date) is { } hold)
                    {
                        // SI 2020/1311 reg 7: no costs may be added to a moratorium debt; the order is recorded without them.
                        await Moratoriums.RecordRefusalAsync(connection, tx, council, hold, session.Date,
                            $"Liability order costs of {rates.LiabilityOrderCosts.ToDisplayString()} for {line.Year}", officer, now);
                        refusedCosts = true;
                    }
                    else if (rates is { LiabilityOrderCosts.IsPositive: true })
                    {
                        costs = rates.LiabilityOrderCosts;
                        costsEntries.Add(new NewEntry(council, line.AccountId, EntryKind.Costs, costs, line.Year, session.Date, officer,
                            $"Liability order costs, {session.Court} {DateText.Iso.Format(session.Date)} ({rates.Basis})", LiabilityOrderSource,
                            $"recovery:lo-costs:{council.Value}:{line.AccountId}:{line.Year.StartYear}"));
                    }

                    why = refusedCosts
                        ? $"Liability order granted for {Money.FromPence(balance).ToDisplayString()}; no costs added, as the account is in a Breathing Space (SI 2020/1311 reg 7)"
                        : $"Liability order granted for {(Money.FromPence(balance) + costs).ToDisplayString()} including costs";
                }

                rows.Add((line, outcome, costs, entry.Note, why));
                results.Add(new OutcomeResult(line.Reference, line.Year, outcome, costs, why));
            }
        }

        var entryIds = new Dictionary<long, long>();
        if (costsEntries.Count > 0 && await PostEntries.PostAsync(connection, tx, costsEntries, now, ct) is Outcome<PostResult>.Done { Value: var posted })
        {
            foreach (var e in posted.Posted)
            {
                entryIds[e.AccountId] = e.EntryId;
            }
        }

        foreach (var (line, outcome, costs, note, why) in rows)
        {
            var id = await IdAllocator.ReserveAsync(connection, tx, council, "court_outcome", 1);
            await connection.ExecuteAsync(
                "insert into court_outcome (council_id, outcome_id, notice_id, outcome, decided_on, costs_pence, costs_entry_id, note, recorded_by, recorded_at) " +
                "values (@council, @id, @notice, @outcome, @decided, @costs, @entry, @note, @officer, @now)",
                new
                {
                    council = council.Value, id, notice = line.NoticeId, outcome = outcome.Code(), decided = session.Date, costs = costs.Pence,
                    entry = entryIds.TryGetValue(line.AccountId, out var e) ? e : (long?)null, note = note.Trim(), officer, now = now,
                }, tx);
            await AccountEvents.RecordAsync(connection, tx, council, line.AccountId, now, session.Date, "court-" + outcome.Code(),
                $"{session.Court} {DateText.Iso.Format(session.Date)}, {line.Year}: {why}", officer,
                outcome == HearingOutcome.PaidBeforeHearing ? PaidBeforeHearingSource : LiabilityOrderSource);
        }

        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "court-session", sessionId.ToString(CultureInfo.InvariantCulture),
            $"Recorded {rows.Count} hearing outcomes", null, now);
        await tx.CommitAsync(ct);
        return results;
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
        public string reference { get; set; } = "";
        public int financial_year { get; set; }
        public LocalDate notice_date { get; set; }
        public LocalDate? served_on { get; set; }
        public long amount_pence { get; set; }
        public long costs_pence { get; set; }
        public string defendant { get; set; } = "";
        public string address { get; set; } = "";
        public string? outcome { get; set; }
    }
}
