#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Features.ViewOverpayments;

/// <summary>
/// A person's Housing Benefit overpayments, for the officer page and the person view: every decision recovered from them (in force
/// or revised, with what revised it), what each debt owes now, and the deductions taken from ongoing benefit, newest week first.
/// Reads only; the page that shows it writes the audit row.
/// </summary>
public static class PersonOverpayments
{
    public sealed record Decision(
        string DecisionReference, string ClaimReference, LocalDate PeriodFrom, LocalDate PeriodTo, Money Amount, OverpaymentCause Cause, bool Recoverable,
        RecoverFrom RecoverFrom, LocalDate DecidedOn, string? Revises, string? RevisedBy, long? AccountId, Money? Balance);

    public sealed record Deduction(long AccountId, LocalDate WeekStarting, string ClaimReference, Money Amount, string Rate);

    public sealed record View(IReadOnlyList<Decision> Decisions, IReadOnlyList<Deduction> Deductions);

    public static async Task<View> ForPartyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var rows = (await connection.QueryAsync<Row>(
            "select o.decision_reference, o.claim_reference, o.period_from, o.period_to, o.amount_pence, o.cause, o.recoverable, o.recover_from, o.decided_on, o.revises, " +
            "(select r.decision_reference from hb_overpayment r where r.council_id = o.council_id and r.revises = o.decision_reference) as revised_by, o.account_id " +
            "from hb_overpayment o where o.council_id = @council and o.party_id = @partyId order by o.decided_on, o.decision_reference",
            new { council = council.Value, partyId }, tx)).ToList();
        var accounts = rows.Where(r => r.account_id is not null).Select(r => r.account_id!.Value).Distinct().ToList();
        var money = await AccountMoney.ForAccountsAsync(connection, council, accounts, tx);
        var deductions = accounts.Count == 0 ? [] : (await connection.QueryAsync<DeductionRow>(
            "select account_id, week_starting, claim_reference, amount_pence, rate from hb_deduction where council_id = @council and account_id " +
            Persistence.SqlDialect.Of(connection).AnyOf("ids") + " order by week_starting desc, account_id",
            new { council = council.Value, ids = accounts.ToArray() }, tx)).ToList();
        return new View(
            [.. rows.Select(r => new Decision(r.decision_reference, r.claim_reference, r.period_from, r.period_to, Money.FromPence(r.amount_pence),
                OverpaymentCodes.CauseFromCode(r.cause)!.Value, r.recoverable == 1, OverpaymentCodes.RecoverFromCode(r.recover_from)!.Value, r.decided_on, r.revises,
                r.revised_by, r.account_id, r.account_id is { } id ? money[id].Balance : null))],
            [.. deductions.Select(d => new Deduction(d.account_id, d.week_starting, d.claim_reference, Money.FromPence(d.amount_pence), d.rate))]);
    }

    private sealed class Row
    {
        public string decision_reference { get; set; } = "";
        public string claim_reference { get; set; } = "";
        public LocalDate period_from { get; set; }
        public LocalDate period_to { get; set; }
        public long amount_pence { get; set; }
        public string cause { get; set; } = "";
        public int recoverable { get; set; }
        public string recover_from { get; set; } = "";
        public LocalDate decided_on { get; set; }
        public string? revises { get; set; }
        public string? revised_by { get; set; }
        public long? account_id { get; set; }
    }

    private sealed class DeductionRow
    {
        public long account_id { get; set; }
        public LocalDate week_starting { get; set; }
        public string claim_reference { get; set; } = "";
        public long amount_pence { get; set; }
        public string rate { get; set; } = "";
    }
}
