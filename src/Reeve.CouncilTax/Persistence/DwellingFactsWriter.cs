using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// Many dwellings' facts written at once, when a council's existing records are taken on (the demo council's
/// thousands of households): residences, ownerships and awards, each with its id, and no re-billing, since the
/// annual billing run bills them after. A change to one dwelling goes through its own handler instead.
/// </summary>
public static class DwellingFactsWriter
{
    public sealed record NewResidence(long Uprn, long PartyId, LocalDate From, LocalDate? To, Interest Interest, long? PartnerOf);

    public sealed record NewOwnership(long Uprn, long PartyId, LocalDate From);

    public sealed record NewAward(long Uprn, RecordAward.Award Award);

    public static async Task WriteAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<NewResidence> residences, IReadOnlyList<NewOwnership> owners,
        IReadOnlyList<NewAward> awards, string officer, Instant now, CancellationToken ct = default)
    {
        await WriteAsync(connection, tx, council, "residence", ResidenceShape, residences, officer, now, ct);
        await WriteAsync(connection, tx, council, "ownership", OwnershipShape, owners, officer, now, ct);
        await WriteAsync(connection, tx, council, "ctax_award", AwardShape, awards, officer, now, ct);
    }

    private static async Task WriteAsync<T>(
        DbConnection connection, DbTransaction tx, CouncilId council, string table, BulkTable<Row<T>> shape, IReadOnlyList<T> facts, string officer, Instant now, CancellationToken ct)
    {
        if (facts.Count == 0)
        {
            return;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, table, facts.Count);
        var rows = facts.Select((f, i) => new Row<T>(council.Value, first + i, f, now, officer)).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, table, shape, rows, ct);
    }

    private sealed record Row<T>(int Council, long Id, T Fact, Instant At, string By);

    private static readonly BulkTable<Row<NewResidence>> ResidenceShape = new BulkTable<Row<NewResidence>>()
        .Int4("council_id", r => r.Council)
        .Int8("residence_id", r => r.Id)
        .Int8("uprn", r => r.Fact.Uprn)
        .Int8("party_id", r => r.Fact.PartyId)
        .Date("resident_from", r => r.Fact.From)
        .Date("resident_to", r => r.Fact.To)
        .Text("interest", r => r.Fact.Interest.Code())
        .Int8("partner_of", r => r.Fact.PartnerOf)
        .Instant("recorded_at", r => r.At)
        .Text("recorded_by", r => r.By);

    private static readonly BulkTable<Row<NewOwnership>> OwnershipShape = new BulkTable<Row<NewOwnership>>()
        .Int4("council_id", r => r.Council)
        .Int8("ownership_id", r => r.Id)
        .Int8("uprn", r => r.Fact.Uprn)
        .Int8("party_id", r => r.Fact.PartyId)
        .Date("owned_from", r => r.Fact.From)
        .Instant("recorded_at", r => r.At)
        .Text("recorded_by", r => r.By);

    private static readonly BulkTable<Row<NewAward>> AwardShape = new BulkTable<Row<NewAward>>()
        .Int4("council_id", r => r.Council)
        .Int8("award_id", r => r.Id)
        .Int8("uprn", r => r.Fact.Uprn)
        .Text("kind", r => r.Fact.Award.Kind)
        .Int8("party_id", r => r.Fact.Award.PartyId)
        .Text("code", r => r.Fact.Award.Code)
        .Int4("percent", r => r.Fact.Award.Percent)
        .Date("since", r => r.Fact.Award.Since)
        .Date("award_from", r => r.Fact.Award.From)
        .Date("award_to", r => r.Fact.Award.To)
        .Text("evidence", r => r.Fact.Award.Evidence)
        .Date("review_on", r => r.Fact.Award.ReviewOn)
        .Int8("amount_pence", r => r.Fact.Award.Amount?.Pence)
        .Instant("recorded_at", r => r.At)
        .Text("recorded_by", r => r.By);
}
