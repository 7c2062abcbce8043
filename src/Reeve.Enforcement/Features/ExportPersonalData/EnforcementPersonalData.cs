using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>
/// What Enforcement holds on a person, for the subject access pack: requests for their employment and income details
/// after a liability order, their replies (employer, pay, benefits), and attachment of earnings orders made against them.
/// </summary>
public sealed class EnforcementPersonalData : IPersonalDataSource
{
    public string Module => "Enforcement";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "enforcement/information-requests.csv",
            "select request_id, financial_year, issued_on, reply_due, status, replied_on, requested_by from information_request " +
            "where council_id = @council and (party_id = @party or account_id {accounts}) order by request_id",
            new("request", "request_id"), new("financial year", "financial_year"), new("sent", "issued_on", Shown.Date),
            new("reply due", "reply_due", Shown.Date), new("status", "status"), new("replied", "replied_on", Shown.Date), new("by", "requested_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "enforcement/information-replies.csv",
            "select r.request_id, r.received_on, r.employment, e.name as employer, e.address as employer_address, e.postcode as employer_postcode, " +
            "r.payroll_number, r.pay_period, r.net_pay_pence, r.benefits, r.note, r.recorded_by from information_reply r " +
            "left join employer e on e.council_id = r.council_id and e.employer_id = r.employer_id " +
            "where r.council_id = @council and r.party_id = @party order by r.reply_id",
            new("request", "request_id"), new("received", "received_on", Shown.Date), new("employment", "employment"), new("employer", "employer"),
            new("employer's address", "employer_address"), new("employer's postcode", "employer_postcode"), new("payroll number", "payroll_number"),
            new("paid", "pay_period"), new("net pay", "net_pay_pence", Shown.Money), new("benefits", "benefits"), new("note", "note"),
            new("recorded by", "recorded_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "enforcement/attachment-of-earnings-orders.csv",
            "select o.order_id, o.financial_year, e.name as employer, o.payroll_number, o.made_on, o.order_sum_pence, o.pay_period, o.net_pay_pence, " +
            "o.deduction_pence, o.status, o.ended_on, o.end_reason, o.made_by from attachment_order o " +
            "join employer e on e.council_id = o.council_id and e.employer_id = o.employer_id " +
            "where o.council_id = @council and (o.party_id = @party or o.account_id {accounts}) order by o.order_id",
            new("order", "order_id"), new("financial year", "financial_year"), new("employer", "employer"), new("payroll number", "payroll_number"),
            new("made", "made_on", Shown.Date), new("sum ordered", "order_sum_pence", Shown.Money), new("paid", "pay_period"),
            new("net pay", "net_pay_pence", Shown.Money), new("deduction", "deduction_pence", Shown.Money), new("status", "status"),
            new("ended", "ended_on", Shown.Date), new("why it ended", "end_reason"), new("made by", "made_by")),
    ];
}
