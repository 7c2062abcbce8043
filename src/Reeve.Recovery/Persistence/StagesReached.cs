#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>How far recovery has gone for one financial year of an account, furthest step first counted.</summary>
public enum StageReached
{
    None = 0,
    Reminder = 1,
    FinalNotice = 2,
    Summons = 3,
    LiabilityOrder = 4,
}

public static class StagesReachedText
{
    public static string Title(this StageReached stage) => stage switch
    {
        StageReached.None => "No recovery yet",
        StageReached.Reminder => "Reminder",
        StageReached.FinalNotice => "Final notice",
        StageReached.Summons => "Summons",
        StageReached.LiabilityOrder => "Liability order",
        _ => stage.ToString(),
    };
}

/// <summary>
/// The furthest recovery step each account year has reached: a reminder (first or second), the final notice (or the
/// notice that the right to instalments is lost), a summons, or a liability order granted at the hearing.
/// </summary>
public static class StagesReached
{
    /// <summary>The stage of every account year recovery has touched, for one council (all years when <paramref name="year"/> is null).</summary>
    public static async Task<IReadOnlyDictionary<(long AccountId, int Year), StageReached>> ForCouncilAsync(
        DbConnection connection, CouncilId council, FinancialYear? year = null, DbTransaction? tx = null)
    {
        var onlyYear = year is null ? "" : " and n.financial_year = @year";
        var args = new { council = council.Value, year = year?.StartYear };
        var stages = new Dictionary<(long, int), StageReached>();
        foreach (var row in await connection.QueryAsync<Row>(
                     "select n.account_id, n.financial_year, max(case n.step when 'summons' then 3 when 'final-notice' then 2 " +
                     "when 'instalments-lost' then 2 else 1 end) as stage from recovery_notice n where n.council_id = @council" + onlyYear +
                     " group by n.account_id, n.financial_year", args, tx))
        {
            stages[(row.account_id, row.financial_year)] = (StageReached)row.stage;
        }

        foreach (var row in await connection.QueryAsync<Row>(
                     "select distinct n.account_id, n.financial_year, 4 as stage from court_outcome o " +
                     "join recovery_notice n on n.council_id = o.council_id and n.notice_id = o.notice_id " +
                     "where o.council_id = @council and o.outcome = 'liability-order'" + onlyYear, args, tx))
        {
            stages[(row.account_id, row.financial_year)] = StageReached.LiabilityOrder;
        }

        return stages;
    }

    private sealed class Row
    {
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public int stage { get; set; }
    }
}
