using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>
/// What Recovery holds on a person, for the subject access pack: the reminders, final notices and summonses issued on
/// their accounts and what the court decided.
/// </summary>
public sealed class RecoveryPersonalData : IPersonalDataSource
{
    public string Module => "Recovery";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "recovery/notices-and-court.csv",
            "select n.notice_id, n.financial_year, n.step, n.notice_date, n.amount_pence, n.costs_pence, n.pay_by, n.served_on, " +
            "o.outcome, o.decided_on, o.note as court_note, o.costs_pence as court_costs_pence from recovery_notice n " +
            "left join court_outcome o on o.council_id = n.council_id and o.notice_id = n.notice_id " +
            "where n.council_id = @council and n.account_id {accounts} order by n.notice_date, n.notice_id",
            new("notice", "notice_id"), new("financial year", "financial_year"), new("stage", "step"), new("dated", "notice_date", Shown.Date),
            new("amount", "amount_pence", Shown.Money), new("costs", "costs_pence", Shown.Money), new("pay by", "pay_by", Shown.Date),
            new("served", "served_on", Shown.Date), new("court's decision", "outcome"), new("decided on", "decided_on", Shown.Date), new("court's note", "court_note"),
            new("costs the court allowed", "court_costs_pence", Shown.Money)),
    ];
}
