using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

public sealed class ViewPersonOnSqlite() : ViewPersonTests(new SqliteEngine());

public sealed class ViewPersonOnPostgres() : ViewPersonTests(new PostgresEngine());

public abstract class ViewPersonTests(IDatabaseEngine engine) : CaseworkTest(engine)
{
    [Fact]
    public async Task The_person_view_shows_every_account_solely_or_jointly_liable_with_its_balance_by_financial_year()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var other = await RecordPersonAsync("Charles", "Babbage");
        var sole = await LiableAccountAsync(ada);
        var joint = await LiableAccountAsync(ada, role: "joint");
        var notHers = await LiableAccountAsync(other);
        await PostAsync(sole, EntryKind.Charge, "1000.00", 2024);
        await PostAsync(sole, EntryKind.Payment, "400.00", 2024);
        await PostAsync(sole, EntryKind.Charge, "1100.00", 2025);
        await PostAsync(joint, EntryKind.Charge, "300.00", 2025);
        await PostAsync(notHers, EntryKind.Charge, "999.00", 2025);

        var view = await ReadAsync(c => PersonAccounts.ViewAsync(c, Council, ada, viewerRank: 1));

        view.Accounts.Select(a => a.Account.AccountId).ShouldBe([sole.AccountId, joint.AccountId], ignoreOrder: true);
        var soleView = view.Accounts.Single(a => a.Account.AccountId == sole.AccountId);
        soleView.Years.ShouldBe([(new FinancialYear(2025), MoneyText.Parse("1100.00")), (new FinancialYear(2024), MoneyText.Parse("600.00"))]);
        soleView.Balance.ShouldBe(MoneyText.Parse("1700.00"));
        view.Accounts.Single(a => a.Account.AccountId == joint.AccountId).Liability.Role.ShouldBe("joint");
    }

    [Fact]
    public async Task The_recovery_stage_is_the_latest_recovery_step_recorded_on_the_account()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        var account = await LiableAccountAsync(ada);
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountEvents.RecordAsync(c, tx, Council, account.AccountId, Now, new LocalDate(2025, 5, 1), "reminder", "Reminder issued", "run", "reg 23(1)");
            await AccountEvents.RecordAsync(c, tx, Council, account.AccountId, Now.Plus(Duration.FromHours(1)), new LocalDate(2025, 6, 1), "final-notice", "Final notice issued", "run", "reg 23(3)");
            await AccountEvents.RecordAsync(c, tx, Council, account.AccountId, Now.Plus(Duration.FromHours(2)), new LocalDate(2025, 6, 2), "payment", "Payment", "run", null);
            return 0;
        });

        var view = await ReadAsync(c => PersonAccounts.ViewAsync(c, Council, ada, viewerRank: 1));

        view.Accounts.ShouldHaveSingleItem().RecoveryStage!.Kind.ShouldBe("final-notice");
        view.Timeline.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_vulnerability_flag_is_hidden_from_roles_below_the_one_it_is_visible_to()
    {
        var ada = await RecordPersonAsync("Ada", "Lovelace");
        await InTransactionAsync((c, tx) => Vulnerabilities.RecordAsync(c, tx, Council,
            new VulnerabilityRequest(ada, "health", "Long-term illness", true, Today, Today.PlusMonths(6), "TeamLeader", false, false), Today, "test-officer", Now));

        var asOfficer = await ReadAsync(c => PersonAccounts.ViewAsync(c, Council, ada, Vulnerabilities.Rank("Officer")));
        var asLeader = await ReadAsync(c => PersonAccounts.ViewAsync(c, Council, ada, Vulnerabilities.Rank("TeamLeader")));

        asOfficer.Vulnerability.ShouldBeEmpty();
        asOfficer.VulnerabilityHidden.ShouldBe(1);
        asLeader.Vulnerability.ShouldHaveSingleItem().Detail.ShouldBe("Long-term illness");
    }
}
