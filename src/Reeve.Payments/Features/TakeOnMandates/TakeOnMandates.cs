using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Mandates already running when a council moves to Reeve (or the demo council's payers): taken on as active and
/// lodged, with the days they were signed and lodged and the day the payer last changed bank, without lodging them
/// with Bacs again. One bulk write in the caller's transaction; Payments owns <c>dd_mandate</c>, so other modules
/// take mandates on through here.
/// </summary>
public static class TakeOnMandates
{
    public sealed record Existing(
        long AccountId, string PayerName, string SortCode, string AccountNumber, string Reference, LocalDate SignedOn, LocalDate LodgedOn, LocalDate? BankDetailsChangedOn);

    private sealed record Row(CouncilId Council, long MandateId, Existing Mandate, Instant Now, string Officer);

    private static readonly BulkTable<Row> Shape = new BulkTable<Row>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("mandate_id", r => r.MandateId)
        .Int8("account_id", r => r.Mandate.AccountId)
        .Text("payer_name", r => r.Mandate.PayerName)
        .Text("sort_code", r => r.Mandate.SortCode)
        .Text("account_number", r => r.Mandate.AccountNumber)
        .Text("reference", r => r.Mandate.Reference)
        .Text("status", _ => "active")
        .Date("signed_on", r => r.Mandate.SignedOn)
        .Date("lodged_on", r => r.Mandate.LodgedOn)
        .Date("bank_details_changed_on", r => r.Mandate.BankDetailsChangedOn)
        .Instant("created_at", r => r.Now)
        .Text("created_by", r => r.Officer)
        .Int4("version", _ => 1);

    public static async Task TakeOnAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<Existing> mandates, string officer, Instant now, CancellationToken ct = default)
    {
        if (mandates.Count == 0)
        {
            return;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "dd_mandate", mandates.Count);
        var rows = mandates.Select((m, i) => new Row(council, first + i, m, now, officer)).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "dd_mandate", Shape, rows, ct);
    }
}
