using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Sundry;

/// <summary>
/// What Sundry holds on a person, for the subject access pack: the finance system's customer numbers that are them
/// and the invoices raised to those customers.
/// </summary>
public sealed class SundryPersonalData : IPersonalDataSource
{
    public string Module => "Sundry";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "sundry/customer-numbers.csv",
            "select customer_number, customer_type, company_number, matched_how, recorded_at from sundry_customer " +
            "where council_id = @council and party_id = @party order by customer_number",
            new("customer number", "customer_number"), new("type", "customer_type"), new("company number", "company_number"),
            new("how matched to you", "matched_how"), new("recorded", "recorded_at", Shown.Instant)),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "sundry/invoices.csv",
            "select i.invoice_number, i.customer_number, i.service_area, i.raised_on, i.due_on, i.net_pence, i.vat_pence, i.gross_pence " +
            "from sundry_invoice i join sundry_customer c on c.council_id = i.council_id and c.customer_number = i.customer_number " +
            "where i.council_id = @council and c.party_id = @party order by i.raised_on, i.invoice_number",
            new("invoice", "invoice_number"), new("customer number", "customer_number"), new("service", "service_area"),
            new("raised", "raised_on", Shown.Date), new("due", "due_on", Shown.Date), new("net", "net_pence", Shown.Money),
            new("VAT", "vat_pence", Shown.Money), new("total", "gross_pence", Shown.Money)),
    ];
}
