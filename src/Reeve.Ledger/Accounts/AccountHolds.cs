#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>Why recovery is held on an account. The codes are what the database and the run report show.</summary>
public enum HoldReason
{
    /// <summary>An arrangement to pay is being kept.</summary>
    Arrangement,
    /// <summary>The liability or the amount is disputed.</summary>
    Dispute,
    /// <summary>An appeal is pending (for example to the Valuation Tribunal).</summary>
    Appeal,
    /// <summary>A claim for a discount, exemption or reduction is being assessed.</summary>
    Claim,
    /// <summary>A standard Breathing Space moratorium (Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020, SI 2020/1311).</summary>
    BreathingSpace,
    /// <summary>A mental health crisis moratorium (SI 2020/1311 reg 28 onwards).</summary>
    MentalHealthCrisis,
    /// <summary>Bankruptcy, an IVA or a debt relief order: enforcement stops (Insolvency Act 1986).</summary>
    Insolvency,
    /// <summary>A vulnerability flag with a hold, recorded with the person's consent.</summary>
    Vulnerable,
    /// <summary>The liable person has died; the estate is dealt with apart from the run.</summary>
    Deceased,
    /// <summary>An officer's hold for any other reason, given in the note.</summary>
    Officer,
}

public static class HoldReasons
{
    public static IReadOnlyList<HoldReason> All { get; } = Enum.GetValues<HoldReason>();

    public static string Code(this HoldReason reason) => reason switch
    {
        HoldReason.Arrangement => "arrangement",
        HoldReason.Dispute => "dispute",
        HoldReason.Appeal => "appeal",
        HoldReason.Claim => "claim",
        HoldReason.BreathingSpace => "breathing-space",
        HoldReason.MentalHealthCrisis => "mental-health-crisis",
        HoldReason.Insolvency => "insolvency",
        HoldReason.Vulnerable => "vulnerable",
        HoldReason.Deceased => "deceased",
        HoldReason.Officer => "officer",
    };

    public static string Describe(this HoldReason reason) => reason switch
    {
        HoldReason.Arrangement => "Arrangement to pay",
        HoldReason.Dispute => "Dispute",
        HoldReason.Appeal => "Appeal pending",
        HoldReason.Claim => "Claim being assessed",
        HoldReason.BreathingSpace => "Breathing Space",
        HoldReason.MentalHealthCrisis => "Mental health crisis Breathing Space",
        HoldReason.Insolvency => "Insolvency",
        HoldReason.Vulnerable => "Vulnerability",
        HoldReason.Deceased => "Deceased",
        HoldReason.Officer => "Officer hold",
    };

    public static HoldReason? FromCode(string code) =>
        All.Where(r => r.Code() == code).Select(r => (HoldReason?)r).FirstOrDefault();
}

/// <summary>A hold on recovery for a period; <see cref="To"/> is the last day held, or open-ended.</summary>
public sealed record AccountHold(
    long HoldId, long AccountId, HoldReason Reason, LocalDate From, LocalDate? To, string Note, string PlacedBy,
    Instant PlacedAt, string? SourceKey, string? EndedBy)
{
    public bool InForceOn(LocalDate day) => From <= day && (To is null || day <= To);
}

/// <summary>
/// A request to hold recovery. <see cref="SourceKey"/> makes placing idempotent: a module that places a hold for
/// one of its records (say "arrangement:42") gets the same hold back if it asks twice.
/// </summary>
public sealed record PlaceHold(long AccountId, HoldReason Reason, LocalDate From, LocalDate? To, string Note, string Officer, string? SourceKey = null);

/// <summary>Placing, ending and reading holds on recovery. Each change is on the account's timeline.</summary>
public static class AccountHolds
{
    public static async Task<Outcome<AccountHold>> PlaceAsync(DbConnection connection, DbTransaction tx, CouncilId council, PlaceHold request, Instant now)
    {
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return new Outcome<AccountHold>.Invalid("note", "Enter why recovery is held");
        }

        if (request.To is { } to && to < request.From)
        {
            return new Outcome<AccountHold>.Invalid("to", "The hold's last day must be on or after its first day");
        }

        if (request.SourceKey is { } key && await FindBySourceAsync(connection, tx, council, key) is { } existing)
        {
            return existing;
        }

        if (await AccountStore.GetAsync(connection, council, request.AccountId, tx) is null)
        {
            return new Outcome<AccountHold>.NotFound($"account {request.AccountId}");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "account_hold", 1);
        await connection.ExecuteAsync(
            "insert into account_hold (council_id, hold_id, account_id, reason, hold_from, hold_to, note, placed_by, placed_at, source_key) " +
            "values (@council, @id, @account, @reason, @from, @to, @note, @officer, @now, @sourceKey)",
            new
            {
                council = council.Value, id, account = request.AccountId, reason = request.Reason.Code(),
                from = request.From,
                to = request.To,
                note = request.Note.Trim(), officer = request.Officer, now,
                sourceKey = request.SourceKey,
            },
            tx);
        var until = request.To is { } end ? $" to {end:uuuu-MM-dd}" : " until ended";
        await AccountEvents.RecordAsync(connection, tx, council, request.AccountId, now, request.From, "hold-placed",
            $"Recovery held from {request.From:uuuu-MM-dd}{until}: {request.Reason.Describe()}. {request.Note.Trim()}",
            request.Officer, null);
        return new AccountHold(id, request.AccountId, request.Reason, request.From, request.To, request.Note.Trim(),
            request.Officer, now, request.SourceKey, null);
    }

    /// <summary>
    /// Ends a hold: <paramref name="lastDay"/> is the last day held (the day before the first day recovery may act
    /// again). A hold ended the day before it starts never took effect. Ending an ended hold earlier is allowed.
    /// </summary>
    public static async Task<Outcome<AccountHold>> EndAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long holdId, LocalDate lastDay, string officer, Instant now)
    {
        var hold = (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and hold_id = @holdId",
            new { council = council.Value, holdId }, tx))?.ToHold();
        if (hold is null)
        {
            return new Outcome<AccountHold>.NotFound($"hold {holdId}");
        }

        if (lastDay < hold.From.PlusDays(-1))
        {
            return new Outcome<AccountHold>.Invalid("to", $"The hold starts on {hold.From:uuuu-MM-dd}; its last day cannot be before {hold.From.PlusDays(-1):uuuu-MM-dd}");
        }

        if (hold.To is { } current && current <= lastDay)
        {
            return hold;
        }

        await connection.ExecuteAsync(
            "update account_hold set hold_to = @lastDay, ended_by = @officer, ended_at = @now where council_id = @council and hold_id = @holdId",
            new { council = council.Value, holdId, lastDay, officer, now },
            tx);
        await AccountEvents.RecordAsync(connection, tx, council, hold.AccountId, now, lastDay.PlusDays(1), "hold-ended",
            $"{hold.Reason.Describe()} hold ended: last day held {lastDay:uuuu-MM-dd}", officer, null);
        return hold with { To = lastDay, EndedBy = officer };
    }

    public static async Task<AccountHold?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long holdId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and hold_id = @holdId",
            new { council = council.Value, holdId }, tx))?.ToHold();

    public static async Task<AccountHold?> FindBySourceAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sourceKey) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and source_key = @sourceKey",
            new { council = council.Value, sourceKey }, tx))?.ToHold();

    public static async Task<IReadOnlyList<AccountHold>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and account_id = @accountId order by hold_from desc, hold_id desc",
            new { council = council.Value, accountId }, tx))
        .Select(r => r.ToHold()).ToList();

    /// <summary>
    /// The holds a module placed for one of its records, whose source keys all start with <paramref name="sourceKeyPrefix"/>
    /// (say "breathing-space:42:" for the holds of moratorium 42 on each account), in account order.
    /// </summary>
    public static async Task<IReadOnlyList<AccountHold>> BySourcePrefixAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sourceKeyPrefix) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and source_key like @prefix order by account_id, hold_id",
            new { council = council.Value, prefix = sourceKeyPrefix + "%" }, tx))
        .Select(r => r.ToHold()).ToList();

    /// <summary>Every hold, in force or not, on any of these accounts, newest first (a person's accounts on their page).</summary>
    public static async Task<IReadOnlyList<AccountHold>> ForAccountsAsync(DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<Row, long>(connection, Row.Select + " where council_id = @council and account_id {ids}", council, accountIds, tx))
        .OrderByDescending(r => r.hold_from).ThenByDescending(r => r.hold_id).Select(r => r.ToHold()).ToList();

    /// <summary>Every hold in force on a day, for a run over the whole council.</summary>
    public static async Task<IReadOnlyList<AccountHold>> InForceOnAsync(DbConnection connection, CouncilId council, LocalDate day, DbTransaction? tx = null)
    {
        return (await connection.QueryAsync<Row>(
                Row.Select + " where council_id = @council and hold_from <= @day and (hold_to is null or hold_to >= @day) order by account_id, hold_id",
                new { council = council.Value, day }, tx))
            .Select(r => r.ToHold()).ToList();
    }

    /// <summary>The holds for the given reasons in force on a day on any of the given accounts, oldest first.</summary>
    public static async Task<IReadOnlyList<AccountHold>> InForceOnAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyCollection<long> accountIds, LocalDate day, IReadOnlyList<HoldReason> reasons)
    {
        var holds = new List<AccountHold>();
        foreach (var chunk in accountIds.Distinct().Chunk(500))
        {
            holds.AddRange((await connection.QueryAsync<Row>(
                    Row.Select + $" where council_id = @council and reason {SqlLists.AnyOf(connection, "reasons")} and hold_from <= @day and (hold_to is null or hold_to >= @day) " +
                    $"and account_id {SqlLists.AnyOf(connection, "accounts")} order by hold_id",
                    new { council = council.Value, day, reasons = reasons.Select(r => r.Code()).ToArray(), accounts = chunk }, tx))
                .Select(r => r.ToHold()));
        }

        return holds;
    }

    private sealed class Row
    {
        public const string Select =
            "select hold_id, account_id, reason, hold_from, hold_to, note, placed_by, placed_at, source_key, ended_by from account_hold";

        public long hold_id { get; set; }
        public long account_id { get; set; }
        public string reason { get; set; } = "";
        public LocalDate hold_from { get; set; }
        public LocalDate? hold_to { get; set; }
        public string note { get; set; } = "";
        public string placed_by { get; set; } = "";
        public Instant placed_at { get; set; }
        public string? source_key { get; set; }
        public string? ended_by { get; set; }

        public AccountHold ToHold() => new(
            hold_id, account_id, HoldReasons.FromCode(reason) ?? HoldReason.Officer, hold_from,
            hold_to, note, placed_by, placed_at,
            source_key, ended_by);
    }
}
