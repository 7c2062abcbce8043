using NodaTime;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;
using Reeve.Overpayments.Features.ViewOverpayments;
using Reeve.TestKit;
using Deduct = Reeve.Overpayments.Features.DeductFromHousingBenefit.DeductFromHousingBenefit;

namespace Reeve.Overpayments.Tests.Features.ViewOverpayments;

public sealed class PersonOverpaymentsOnSqlite() : PersonOverpaymentsTests(new SqliteEngine());

public sealed class PersonOverpaymentsOnPostgres() : PersonOverpaymentsTests(new PostgresEngine());

/// <summary>A person's overpayments as the officer sees them: every decision recovered from them, revisions, balances and deductions.</summary>
public abstract class PersonOverpaymentsTests(IDatabaseEngine engine) : OverpaymentsTest(engine)
{
    [Fact]
    public async Task A_person_sees_their_decisions_with_revisions_balances_and_deductions_and_nobody_else_s()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(Decision("D1", "500.00"), Decision("D2", "80.00", from: "landlord"), Decision("D3", "60.00", cause: "official-error", recoverable: "no")), "monday.csv");
        await ImportedAsync(File(Decision("D1R", "400.00", decided: "2025-05-20", revises: "D1")), "tuesday.csv");
        await InTransactionAsync((c, tx) => Deduct.RecordAsync(c, tx, Council, new LocalDate(2025, 6, 2), "test", Now));

        var view = await ReadAsync(c => PersonOverpayments.ForPartyAsync(c, Council, Jane));

        view.Decisions.Select(d => d.DecisionReference).ShouldBe(["D1", "D3", "D1R"]);
        var d1 = view.Decisions[0];
        (d1.RevisedBy, d1.Cause, d1.RecoverFrom).ShouldBe(("D1R", OverpaymentCause.ClaimantError, RecoverFrom.Claimant));
        view.Decisions[1].Recoverable.ShouldBeFalse();
        view.Decisions[1].Balance.ShouldBeNull();
        view.Decisions[2].Balance.ShouldBe(Money.FromPence(40_000 - 1_895));
        view.Deductions.ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPence(1_895));
        (await ReadAsync(c => PersonOverpayments.ForPartyAsync(c, Council, Landlord))).Decisions.ShouldHaveSingleItem().DecisionReference.ShouldBe("D2");
    }
}
