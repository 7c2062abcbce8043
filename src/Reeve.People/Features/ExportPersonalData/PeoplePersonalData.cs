using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// What People holds on a person beyond the details, arrangements, vulnerability and Breathing Space records the pack
/// reads already: income and expenditure statements taken, tracing when they had gone away, and records an officer
/// compared with theirs as likely duplicates.
/// </summary>
public sealed class PeoplePersonalData : IPersonalDataSource
{
    public string Module => "People";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "people/income-and-expenditure.csv",
            "select s.ie_id, s.taken_on, s.taken_by, l.line_no, l.section, l.category, l.debt_kind, l.amount_pence, l.is_priority from income_expenditure s " +
            "left join income_expenditure_line l on l.council_id = s.council_id and l.ie_id = s.ie_id " +
            "where s.council_id = @council and s.party_id = @party order by s.ie_id, l.line_no",
            new("statement", "ie_id"), new("taken", "taken_on", Shown.Date), new("by", "taken_by"), new("line", "line_no"),
            new("section", "section"), new("category", "category"), new("debt", "debt_kind"), new("amount", "amount_pence", Shown.Money), new("priority", "is_priority", Shown.YesNo)),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "people/tracing.csv",
            "select t.task_id, t.reason, t.status, t.opened_on, t.outcome_on, t.outcome_note, a.source, a.tried_on, a.result, a.note from trace_task t " +
            "left join trace_attempt a on a.council_id = t.council_id and a.task_id = t.task_id " +
            "where t.council_id = @council and t.party_id = @party order by t.task_id, a.attempt_no",
            new("trace", "task_id"), new("why", "reason"), new("status", "status"), new("opened", "opened_on", Shown.Date), new("closed", "outcome_on", Shown.Date),
            new("outcome", "outcome_note"), new("source tried", "source"), new("tried", "tried_on", Shown.Date), new("result", "result"), new("note", "note")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "people/likely-duplicate-records.csv",
            "select case when party_a = @party then party_b else party_a end as other, score, reasons, decision, decided_by, decided_at from party_duplicate " +
            "where council_id = @council and (party_a = @party or party_b = @party) order by other",
            new("other record", "other"), new("score", "score"), new("why alike", "reasons"), new("decision", "decision"), new("decided by", "decided_by"),
            new("decided", "decided_at", Shown.Instant)),
    ];
}
