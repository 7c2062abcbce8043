using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Overpayments.Domain;
using Deduct = Reeve.Overpayments.Features.DeductFromHousingBenefit.DeductFromHousingBenefit;
using Report = Reeve.Overpayments.Features.ReportSubsidyCounts.ReportSubsidyCounts;
using Reeve.TestKit;

namespace Reeve.Overpayments.Tests.Features.ReportSubsidyCounts;

public sealed class ReportSubsidyCountsOnSqlite() : ReportSubsidyCountsTests(new SqliteEngine());

public sealed class ReportSubsidyCountsOnPostgres() : ReportSubsidyCountsTests(new PostgresEngine());

/// <summary>The subsidy claim's overpayment counts for 2025/26: by cause, the decisions in force, recovered and written off.</summary>
public abstract class ReportSubsidyCountsTests(IDatabaseEngine engine) : OverpaymentsTest(engine)
{
    [Fact]
    public async Task Overpayments_are_counted_by_cause_with_what_was_recovered_and_written_off()
    {
        await SetUpClaimsAsync();
        await ImportedAsync(File(
            Decision("D1", "500.00"),
            Decision("D2", "200.00", cause: "la-error", recoverable: "no"),
            Decision("D3", "300.00", cause: "fraud", from: "landlord"),
            Decision("D4", "100.00", claim: "HB2", decided: "2025-03-31", periodTo: "2025-03-01")));
        await ImportedAsync(File(Decision("D1R", "450.00", decided: "2025-05-20", revises: "D1")), "revised.csv");
        await InTransactionAsync((c, tx) => Deduct.RecordAsync(c, tx, Council, new NodaTime.LocalDate(2025, 6, 2), "test", Now));
        var d3 = await AccountOfAsync("D3");
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [new NewEntry(Council, d3, EntryKind.WriteOff, Money.FromPence(10_000), new FinancialYear(2025), new NodaTime.LocalDate(2025, 9, 1), "test", "Landlord cannot be traced", "council policy", "w1")], Now));

        var counts = (await ReadAsync(c => Report.HandleAsync(c, Council, new FinancialYear(2025)))).ToDictionary(c => c.Cause);

        var claimant = counts[OverpaymentCause.ClaimantError];
        (claimant.Count, claimant.Amount.Pence, claimant.Recovered.Pence, claimant.WrittenOff.Pence).ShouldBe((1, 45_000L, 1_895L, 0L)); // D1 revised; D4 was in 2024/25
        var la = counts[OverpaymentCause.LocalAuthorityError];
        (la.Count, la.Irrecoverable.Pence, la.RecoverableCount).ShouldBe((1, 20_000L, 0));
        var fraud = counts[OverpaymentCause.Fraud];
        (fraud.Count, fraud.Recoverable.Pence, fraud.WrittenOff.Pence).ShouldBe((1, 30_000L, 10_000L));
        counts[OverpaymentCause.OfficialError].Count.ShouldBe(0);
        Report.Csv([.. counts.Values]).ShouldContain("fraud,1,300.00,1,300.00,0.00,0.00,100.00");
    }
}
