using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.ChangePaymentMethod;

public sealed class ChangePaymentMethodOnSqlite() : ChangePaymentMethodTests(new SqliteEngine());

public sealed class ChangePaymentMethodOnPostgres() : ChangePaymentMethodTests(new PostgresEngine());

public abstract class ChangePaymentMethodTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private static readonly Payments.ChangePaymentMethod.Officer Clerk = new(Officer, "192.0.2.7");

    private Task<Outcome<Account>> ChangeAsync(Account account, string? method, int version) =>
        Payments.ChangePaymentMethod.ChangeAsync(Db, Council, account.Reference, method, version, Clerk, Now);

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(Account account) =>
        ReadAsync(c => AuditTrail.ForSubjectAsync(c, Council, "account", account.Reference.Value));

    [Fact]
    public async Task The_change_its_timeline_line_and_its_audit_line_are_written_together()
    {
        var account = await OpenAccountAsync();

        var changed = (await ChangeAsync(account, "direct-debit", account.Version)).ShouldBeOfType<Outcome<Account>.Done>().Value;

        changed.PaymentMethod.ShouldBe("direct-debit");
        changed.Version.ShouldBe(account.Version + 1);
        var summary = $"Payment method changed from {Payments.ChangePaymentMethod.Describe(account.PaymentMethod)} to Direct Debit";
        var line = (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId))).Where(e => e.Kind == "payment-method-changed").ShouldHaveSingleItem();
        line.Summary.ShouldBe(summary);
        line.Officer.ShouldBe(Officer);
        var audit = (await AuditAsync(account)).ShouldHaveSingleItem();
        (audit.Action, audit.Officer, audit.Detail, audit.RemoteAddress, audit.At).ShouldBe((AuditTrail.Actions.Change, Officer, summary, "192.0.2.7", Now));
    }

    [Fact]
    public async Task A_change_made_against_a_version_someone_else_has_replaced_is_refused_and_writes_nothing()
    {
        var account = await OpenAccountAsync();
        (await ChangeAsync(account, "card", account.Version)).ShouldBeOfType<Outcome<Account>.Done>();

        (await ChangeAsync(account, "cash", account.Version)).ShouldBeOfType<Outcome<Account>.Conflict>();

        (await ReadAsync(c => AccountStore.GetAsync(c, Council, account.AccountId)))!.PaymentMethod.ShouldBe("card");
        (await AuditAsync(account)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(null, "Choose how the account pays")]
    [InlineData("cheque", "Choose cash, direct-debit, card or bank-transfer")]
    public async Task A_method_missing_or_not_known_is_refused_naming_the_field_and_writes_nothing(string? method, string message)
    {
        var account = await OpenAccountAsync();

        var refused = (await ChangeAsync(account, method, account.Version)).ShouldBeOfType<Outcome<Account>.Invalid>();

        (refused.Field, refused.Message).ShouldBe(("paymentMethod", message));
        (await AuditAsync(account)).ShouldBeEmpty();
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId))).ShouldNotContain(e => e.Kind == "payment-method-changed");
    }

    [Fact]
    public async Task An_account_of_another_council_is_not_found()
    {
        var account = await OpenAccountAsync();
        await Seed.CouncilAsync(Db, new CouncilId(2), "OTH", Now);

        (await Payments.ChangePaymentMethod.ChangeAsync(Db, new CouncilId(2), account.Reference, "card", account.Version, Clerk, Now))
            .ShouldBeOfType<Outcome<Account>.NotFound>();
    }
}
