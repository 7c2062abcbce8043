#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Reporting;

/// <summary>The council's in-year collection target for one kind of account and year, and who set it.</summary>
public sealed record CollectionTarget(AccountKind Kind, FinancialYear Year, int BasisPoints, string SetBy, Instant SetAt, string Reason);

/// <summary>Sets the in-year collection target a dashboard measures against: a new row each time, the latest in force.</summary>
public static class SetCollectionTarget
{
    public sealed record Request(CouncilId Council, AccountKind Kind, FinancialYear Year, int BasisPoints, string Reason, string Officer, Instant Now);

    public static async Task<Outcome<CollectionTarget>> HandleAsync(DbConnection connection, DbTransaction tx, Request request)
    {
        if (request.BasisPoints is < 1 or > 10_000)
        {
            return new Outcome<CollectionTarget>.Invalid("target", "Enter a target between 0.01% and 100%");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new Outcome<CollectionTarget>.Invalid("reason", "Enter why the target is set, for example the budget report that agreed it");
        }

        await connection.ExecuteAsync(
            "insert into collection_target (council_id, account_kind, financial_year, set_at, target_basis_points, set_by, reason) " +
            "values (@council, @kind, @year, @now, @bp, @officer, @reason)",
            new { council = request.Council.Value, kind = request.Kind.Code(), year = request.Year.StartYear, now = request.Now, bp = request.BasisPoints, officer = request.Officer, reason = request.Reason.Trim() },
            tx);
        return new Outcome<CollectionTarget>.Done(new CollectionTarget(request.Kind, request.Year, request.BasisPoints, request.Officer, request.Now, request.Reason.Trim()));
    }

    /// <summary>The target in force for the kind and year (the latest set), or null when none has been set.</summary>
    public static async Task<CollectionTarget?> InForceAsync(DbConnection connection, CouncilId council, AccountKind kind, FinancialYear year, DbTransaction? tx = null)
    {
        var row = await connection.QueryFirstOrDefaultAsync<Row>(
            "select target_basis_points, set_by, set_at, reason from collection_target " +
            "where council_id = @council and account_kind = @kind and financial_year = @year order by set_at desc limit 1",
            new { council = council.Value, kind = kind.Code(), year = year.StartYear }, tx);
        return row is { } r ? new CollectionTarget(kind, year, r.target_basis_points, r.set_by, r.set_at, r.reason) : null;
    }

    private sealed class Row
    {
        public int target_basis_points { get; set; }
        public string set_by { get; set; } = "";
        public Instant set_at { get; set; }
        public string reason { get; set; } = "";
    }
}
