using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Overpayments;

/// <summary>
/// What Overpayments holds on a person, for the subject access pack: the Housing Benefit claims they are on and in what
/// role, and the overpayment decisions on those claims or recoverable from them.
/// </summary>
public sealed class OverpaymentsPersonalData : IPersonalDataSource
{
    public string Module => "Overpayments";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "housing-benefit/claims.csv",
            "select claim_reference, role from hb_claim_party where council_id = @council and party_id = @party order by claim_reference, role",
            new("claim", "claim_reference"), new("your role", "role")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "housing-benefit/overpayments.csv",
            "select decision_reference, claim_reference, period_from, period_to, amount_pence, cause, recoverable, recover_from, decided_on, due_on, revises " +
            "from hb_overpayment where council_id = @council and (party_id = @party or claim_reference in " +
            "(select claim_reference from hb_claim_party where council_id = @council and party_id = @party)) order by decided_on, decision_reference",
            new("decision", "decision_reference"), new("claim", "claim_reference"), new("from", "period_from", Shown.Date),
            new("to", "period_to", Shown.Date), new("amount", "amount_pence", Shown.Money), new("cause", "cause"),
            new("recoverable", "recoverable", Shown.YesNo), new("recovered from", "recover_from"), new("decided", "decided_on", Shown.Date),
            new("due", "due_on", Shown.Date), new("revises", "revises")),
    ];
}
