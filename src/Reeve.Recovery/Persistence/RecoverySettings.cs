using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>A council's timetable for a kind of account from a financial year on, and where it comes from.</summary>
public sealed record ProfileSetting(AccountKind Kind, int FromYear, RecoveryProfile Profile, string Source);

/// <summary>The costs a council asks for, from a date: at summons issue and when the court makes the order.</summary>
public sealed record RecoveryCosts(AccountKind Kind, LocalDate EffectiveFrom, Money SummonsCosts, Money LiabilityOrderCosts, string Basis)
{
    /// <summary>Costs reasonably incurred are recoverable with the order; no cap in England (CTAE Regs 1992 reg 34(7); R (Nicolson) v Tottenham Magistrates [2015] EWHC 1252 (Admin)).</summary>
    public const string Source = "Council Tax (Administration and Enforcement) Regulations 1992 (SI 1992/613) reg 34(7): costs reasonably incurred";
}

/// <summary>
/// Recovery profiles and costs per council, account kind and date. A council without a profile row follows the
/// statutory defaults of the kind's recovery regime (<see cref="RecoveryProfile.CouncilTax"/>, <see cref="RecoveryProfile.BusinessRates"/>); a
/// council without costs asks for none, since the law sets no amount (reg 34(7)).
/// </summary>
public static class RecoverySettings
{
    public const string CouncilTaxDefaultSource =
        "Statutory default: CTAE Regs 1992 (SI 1992/613) reg 23 (reminders, 7 days), reg 33 (final notice), reg 34 (summons); at least 14 days from summons to hearing (SI 1998/295 reg 3)";

    public const string BusinessRatesDefaultSource =
        "Statutory default: NNDR (Collection and Enforcement) (Local Lists) Regs 1989 (SI 1989/1058) reg 8 (notice, 7 days, further 7 days) and regs 11-12 (complaint and summons)";

    public static async Task<Outcome<ProfileSetting>> SetProfileAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountKind kind, int fromYear, RecoveryProfile profile, string officer, Instant now)
    {
        if (RecoveryStreams.RegimeFor(kind) is null)
        {
            return new Outcome<ProfileSetting>.Invalid("kind",
                $"Recovery profiles are for accounts recovered through the magistrates' court (council tax, business rates); no such debt stream is registered for {kind.Title()}");
        }

        if (profile.MinimumDaysSummonsToHearing < RecoveryProfile.StatutoryMinimumDaysSummonsToHearing)
        {
            return new Outcome<ProfileSetting>.Invalid("minimumDaysSummonsToHearing",
                $"At least {RecoveryProfile.StatutoryMinimumDaysSummonsToHearing} days must pass between service of a summons and the hearing (SI 1998/295 reg 3)");
        }

        if (profile.ReminderDaysAfterDue is < 1 or > 60)
        {
            return new Outcome<ProfileSetting>.Invalid("reminderDaysAfterDue", "Days before a reminder must be from 1 to 60");
        }

        if (profile.SummonsDaysAfterBalanceDue is < 0 or > 120)
        {
            return new Outcome<ProfileSetting>.Invalid("summonsDaysAfterBalanceDue", "Days from the balance becoming payable to the summons must be from 0 to 120");
        }

        var args = new
        {
            council = council.Value, kind = kind.Code(), fromYear, reminder = profile.ReminderDaysAfterDue,
            summons = profile.SummonsDaysAfterBalanceDue, hearing = profile.MinimumDaysSummonsToHearing, officer,
            now = now,
        };
        await connection.ExecuteAsync("delete from recovery_profile where council_id = @council and account_kind = @kind and from_year = @fromYear", args, tx);
        await connection.ExecuteAsync(
            "insert into recovery_profile (council_id, account_kind, from_year, reminder_days_after_due, summons_days_after_balance_due, minimum_days_summons_to_hearing, recorded_by, recorded_at) " +
            "values (@council, @kind, @fromYear, @reminder, @summons, @hearing, @officer, @now)", args, tx);
        return new ProfileSetting(kind, fromYear, profile, $"Set by {officer} for {new FinancialYear(fromYear)} on");
    }

    /// <summary>The profile in force for the kind and year: the latest row from that year or before, else the default.</summary>
    public static async Task<ProfileSetting> ProfileForAsync(DbConnection connection, DbTransaction? tx, CouncilId council, AccountKind kind, FinancialYear year)
    {
        var row = await connection.QueryFirstOrDefaultAsync<(int FromYear, int Reminder, int Summons, int Hearing, string By)?>(
            "select from_year, reminder_days_after_due, summons_days_after_balance_due, minimum_days_summons_to_hearing, recorded_by from recovery_profile " +
            "where council_id = @council and account_kind = @kind and from_year <= @year order by from_year desc limit 1",
            new { council = council.Value, kind = kind.Code(), year = year.StartYear }, tx);
        if (row is { } r)
        {
            return new ProfileSetting(kind, r.FromYear, new RecoveryProfile(r.Reminder, r.Summons, r.Hearing),
                $"Council profile from {new FinancialYear(r.FromYear)}, set by {r.By}");
        }

        return RecoveryStreams.RegimeFor(kind) == RecoveryRegime.BusinessRates
            ? new ProfileSetting(kind, year.StartYear, RecoveryProfile.BusinessRates, BusinessRatesDefaultSource)
            : new ProfileSetting(kind, year.StartYear, RecoveryProfile.CouncilTax, CouncilTaxDefaultSource);
    }

    /// <summary>The longest note of how costs were worked out.</summary>
    public const int MaxBasis = 500;

    public static async Task<Outcome<RecoveryCosts>> SetCostsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, RecoveryCosts costs, string officer, Instant now)
    {
        if (RecoveryStreams.RegimeFor(costs.Kind) is null)
        {
            return new Outcome<RecoveryCosts>.Invalid("kind",
                $"Summons and liability order costs are for accounts recovered through the magistrates' court (council tax, business rates), not {costs.Kind.Title()}");
        }

        if (costs.SummonsCosts.IsNegative || costs.LiabilityOrderCosts.IsNegative)
        {
            return new Outcome<RecoveryCosts>.Invalid("costs", "Costs cannot be less than £0.00");
        }

        if (string.IsNullOrWhiteSpace(costs.Basis))
        {
            // Nicolson: costs must be shown to be reasonably incurred, so the basis of the figure is recorded.
            return new Outcome<RecoveryCosts>.Invalid("basis", "Say how the costs were worked out (R (Nicolson) v Tottenham Magistrates [2015] EWHC 1252 (Admin))");
        }

        if (costs.Basis.Trim().Length > MaxBasis)
        {
            return new Outcome<RecoveryCosts>.Invalid("basis", $"Say how the costs were worked out in {MaxBasis} characters or fewer");
        }

        var args = new
        {
            council = council.Value, kind = costs.Kind.Code(), from = costs.EffectiveFrom,
            summons = costs.SummonsCosts.Pence, order = costs.LiabilityOrderCosts.Pence, basis = costs.Basis.Trim(), officer,
            now = now,
        };
        await connection.ExecuteAsync("delete from recovery_costs where council_id = @council and account_kind = @kind and effective_from = @from", args, tx);
        await connection.ExecuteAsync(
            "insert into recovery_costs (council_id, account_kind, effective_from, summons_costs_pence, liability_order_costs_pence, basis, recorded_by, recorded_at) " +
            "values (@council, @kind, @from, @summons, @order, @basis, @officer, @now)", args, tx);
        return costs with { Basis = costs.Basis.Trim() };
    }

    /// <summary>A row of the council's costs as set: the figures from its date, how they were worked out, and who set them.</summary>
    public sealed record CostsRow(RecoveryCosts Costs, string RecordedBy, Instant RecordedAt);

    /// <summary>Every costs row the council has set, newest date first within each kind (its set-up page lists them).</summary>
    public static async Task<IReadOnlyList<CostsRow>> CostsHistoryAsync(DbConnection connection, DbTransaction? tx, CouncilId council)
    {
        var rows = await connection.QueryAsync<(string Kind, LocalDate From, long Summons, long Order, string Basis, string By, Instant At)>(
            "select account_kind, effective_from, summons_costs_pence, liability_order_costs_pence, basis, recorded_by, recorded_at from recovery_costs " +
            "where council_id = @council order by account_kind, effective_from desc",
            new { council = council.Value }, tx);
        return rows.Select(r => new CostsRow(
            new RecoveryCosts(AccountKinds.FromCode(r.Kind), r.From, Money.FromPence(r.Summons), Money.FromPence(r.Order), r.Basis), r.By, r.At)).ToList();
    }

    /// <summary>The costs in force on a day, or none when the council has set none by then.</summary>
    public static async Task<RecoveryCosts?> CostsOnAsync(DbConnection connection, DbTransaction? tx, CouncilId council, AccountKind kind, LocalDate day)
    {
        var row = await connection.QueryFirstOrDefaultAsync<(LocalDate From, long Summons, long Order, string Basis)?>(
            "select effective_from, summons_costs_pence, liability_order_costs_pence, basis from recovery_costs " +
            "where council_id = @council and account_kind = @kind and effective_from <= @day order by effective_from desc limit 1",
            new { council = council.Value, kind = kind.Code(), day = day }, tx);
        return row is { } r
            ? new RecoveryCosts(kind, r.From, Money.FromPence(r.Summons), Money.FromPence(r.Order), r.Basis)
            : null;
    }
}
