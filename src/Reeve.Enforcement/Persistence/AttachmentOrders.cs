#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;

namespace Reeve.Enforcement;

/// <summary>An attachment of earnings order (reg 37): on which liability order and debtor, at which employer, and what it deducts.</summary>
public sealed record AttachmentOrder(
    long OrderId, long AccountId, long LiabilityOrderId, FinancialYear Year, long PartyId, long EmployerId, string PayrollNumber,
    LocalDate MadeOn, Money OrderSum, PayPeriod PayPeriod, Money NetPay, Money Deduction, string Status, LocalDate? EndedOn, string? EndReason)
{
    public bool InForce => Status == AttachmentOrders.InForce;
}

/// <summary>An employer, one record for every order and reply that names it.</summary>
public sealed record Employer(long EmployerId, string Name, string Address, string Postcode, string PayrollContact);

public static class AttachmentOrders
{
    public const string InForce = "in-force";
    public const string Paid = "paid";
    public const string Ended = "ended";

    private const string Select =
        "select order_id, account_id, liability_order_id, financial_year, party_id, employer_id, payroll_number, made_on, order_sum_pence, pay_period, " +
        "net_pay_pence, deduction_pence, status, ended_on, end_reason from attachment_order ";

    public static async Task<AttachmentOrder?> GetAsync(DbConnection connection, CouncilId council, long orderId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + "where council_id = @council and order_id = @orderId", new { council = council.Value, orderId }, tx))?.ToOrder();

    /// <summary>The orders against a debtor, in the order they were made (reg 42: the order of priority among those in force).</summary>
    public static async Task<IReadOnlyList<AttachmentOrder>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Select + "where council_id = @council and party_id = @partyId order by made_on, order_id",
            new { council = council.Value, partyId }, tx)).Select(r => r.ToOrder()).ToList();

    /// <summary>Every order at an employer, in the order made: the employer's page and its remittance schedule.</summary>
    public static async Task<IReadOnlyList<AttachmentOrder>> AtEmployerAsync(DbConnection connection, CouncilId council, long employerId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Select + "where council_id = @council and employer_id = @employerId order by made_on, order_id",
            new { council = council.Value, employerId }, tx)).Select(r => r.ToOrder()).ToList();

    /// <summary>Every order in force in the council, oldest first.</summary>
    public static async Task<IReadOnlyList<AttachmentOrder>> InForceAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Select + "where council_id = @council and status = 'in-force' order by order_id",
            new { council = council.Value }, tx)).Select(r => r.ToOrder()).ToList();

    public static async Task<Employer?> EmployerAsync(DbConnection connection, CouncilId council, long employerId, DbTransaction? tx = null) =>
        (await connection.QuerySingleOrDefaultAsync<EmployerRow>(
            "select employer_id, name, address, postcode, payroll_contact from employer where council_id = @council and employer_id = @employerId",
            new { council = council.Value, employerId }, tx))?.ToEmployer();

    private sealed class Row
    {
        public long order_id { get; set; }
        public long account_id { get; set; }
        public long liability_order_id { get; set; }
        public int financial_year { get; set; }
        public long party_id { get; set; }
        public long employer_id { get; set; }
        public string payroll_number { get; set; } = "";
        public LocalDate made_on { get; set; }
        public long order_sum_pence { get; set; }
        public string pay_period { get; set; } = "";
        public long net_pay_pence { get; set; }
        public long deduction_pence { get; set; }
        public string status { get; set; } = "";
        public LocalDate? ended_on { get; set; }
        public string? end_reason { get; set; }

        public AttachmentOrder ToOrder() => new(order_id, account_id, liability_order_id, new FinancialYear(financial_year), party_id, employer_id,
            payroll_number, made_on, Money.FromPence(order_sum_pence),
            PayPeriods.FromCode(pay_period) ?? throw new InvalidOperationException($"Order {order_id} has pay period '{pay_period}'"),
            Money.FromPence(net_pay_pence), Money.FromPence(deduction_pence), status, ended_on, end_reason);
    }

    private sealed class EmployerRow
    {
        public long employer_id { get; set; }
        public string name { get; set; } = "";
        public string address { get; set; } = "";
        public string postcode { get; set; } = "";
        public string payroll_contact { get; set; } = "";

        public Employer ToEmployer() => new(employer_id, name, address, postcode, payroll_contact);
    }
}
