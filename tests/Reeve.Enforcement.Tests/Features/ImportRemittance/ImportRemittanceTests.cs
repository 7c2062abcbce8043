using System.Text;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery;
using Reeve.TestKit;
using Import = Reeve.Enforcement.ImportRemittance;

namespace Reeve.Enforcement.Tests.Features.ImportRemittance;

public sealed class ImportRemittanceOnSqlite() : ImportRemittanceTests(new SqliteEngine());

public sealed class ImportRemittanceOnPostgres() : ImportRemittanceTests(new PostgresEngine());

/// <summary>
/// An employer's remittance schedule (reg 39): all or nothing, once per file, each deduction posted to its order's account as a
/// payment; missing and short deductions raised for chasing; an order paid off ended. Two orders at Acme Widgets, £36.00 a week each.
/// </summary>
public abstract class ImportRemittanceTests(IDatabaseEngine engine) : EnforcementScenario(engine)
{
    private long _employer;
    private AttachmentOrder _first = null!;
    private AttachmentOrder _second = null!;
    private IReadOnlyList<LiabilityOrder> _orders = [];

    private async Task TwoOrdersAsync()
    {
        var (person, orders) = await OrdersAgainstOnePersonAsync(2);
        _orders = orders;
        await RepliedAsync(orders[0]);
        _first = (await MakeOrderAsync(orders[0], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value.Order;
        _second = (await MakeOrderAsync(orders[1], person)).ShouldBeOfType<Outcome<Enforcement.MakeAttachmentOrder.Made>.Done>().Value.Order;
        _employer = _first.EmployerId;
    }

    private static byte[] Schedule(params string[] lines) => Encoding.UTF8.GetBytes("order,payroll_number,pay_date,amount\n" + string.Join("\n", lines) + "\n");

    private string Line(AttachmentOrder order, string amount = "36.00", string payDate = "2025-07-25", string payroll = "W1234") =>
        $"{order.OrderId},{payroll},{payDate},{amount}";

    private Task<Import.Result> ImportAsync(byte[] file, string received = "2025-08-01") =>
        InTransactionAsync((c, tx) => Import.HandleAsync(c, tx, Council, new Import.Request(_employer, "acme-july.csv", file, D(received)), Officer, Now));

    private Task<Money> BalanceAsync(LiabilityOrder order) =>
        ReadAsync(async c => (await AccountMoney.ForAccountsAsync(c, Council, [order.AccountId]))[order.AccountId].Year(order.Year).Balance);

    [Fact]
    public async Task Each_deduction_is_posted_to_its_orders_account_as_a_payment_and_the_same_file_again_posts_nothing()
    {
        await TwoOrdersAsync();
        var file = Schedule(Line(_first), Line(_second));

        var report = (await ImportAsync(file)).ShouldBeOfType<Import.Result.Imported>().Report;

        report.Lines.ShouldBe(2);
        report.Total.ShouldBe(M("72.00"));
        report.Chases.ShouldBeEmpty();
        (await BalanceAsync(_orders[0])).ShouldBe(M("1424.00")); // £1,460.00 less £36.00
        (await BalanceAsync(_orders[1])).ShouldBe(M("1424.00"));
        (await ImportAsync(file)).ShouldBeOfType<Import.Result.AlreadyImported>().ImportId.ShouldBe(report.ImportId);
        (await BalanceAsync(_orders[0])).ShouldBe(M("1424.00"));
    }

    [Fact]
    public async Task A_missing_and_a_short_deduction_are_raised_for_chasing()
    {
        await TwoOrdersAsync();

        var report = (await ImportAsync(Schedule(Line(_first, "30.00")))).ShouldBeOfType<Import.Result.Imported>().Report;

        report.Chases.ShouldBe([
            new Import.Chase(_first.OrderId, "short", M("36.00"), M("30.00")),
            new Import.Chase(_second.OrderId, "missing", M("36.00"), Money.Zero)]);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from aeo_chase where status = 'open'"))).ShouldBe(2);
        (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, _second.AccountId))).ShouldContain(e => e.Kind == "attachment-remittance-missing");
    }

    [Fact]
    public async Task A_remittance_that_pays_off_an_order_ends_it_and_one_for_more_than_is_left_is_refused()
    {
        await TwoOrdersAsync();
        (await ImportAsync(Schedule(Line(_first, "1460.01"), Line(_second)))).ShouldBeOfType<Import.Result.Refused>().Where.ShouldBe("line 2: amount");

        var report = (await ImportAsync(Schedule(Line(_first, "1460.00"), Line(_second)))).ShouldBeOfType<Import.Result.Imported>().Report;

        report.Ended.ShouldHaveSingleItem().OrderId.ShouldBe(_first.OrderId);
        report.Chases.ShouldBeEmpty();
        (await ReadAsync(c => AttachmentOrders.GetAsync(c, Council, _first.OrderId)))!.Status.ShouldBe("paid");
    }

    [Fact]
    public async Task A_pay_already_remitted_in_an_earlier_schedule_refuses_the_later_file()
    {
        await TwoOrdersAsync();
        (await ImportAsync(Schedule(Line(_first), Line(_second)))).ShouldBeOfType<Import.Result.Imported>();

        (await ImportAsync(Schedule(Line(_first, payDate: "2025-08-01"), Line(_second))))
            .ShouldBeOfType<Import.Result.Refused>().Where.ShouldBe("line 3: pay_date");
    }

    [Theory]
    [InlineData("unknown-order", "line 2: order")]
    [InlineData("payroll", "line 2: payroll_number")]
    [InlineData("no-such-day", "line 2: pay_date")]
    [InlineData("before-order", "line 2: pay_date")]
    [InlineData("three-decimals", "line 2: amount")]
    [InlineData("duplicate", "line 3: order")]
    [InlineData("header", "line 1: header")]
    public async Task A_bad_line_refuses_the_whole_file_naming_the_line_and_field_and_posts_nothing(string fault, string where)
    {
        await TwoOrdersAsync();
        var good = Line(_second);
        var file = fault switch
        {
            "unknown-order" => Schedule("999999,W1234,2025-07-25,36.00", good),
            "payroll" => Schedule(Line(_first, payroll: "W9999"), good),
            "no-such-day" => Schedule(Line(_first, payDate: "2025-06-31"), good),
            "before-order" => Schedule(Line(_first, payDate: "2025-07-19"), good),
            "three-decimals" => Schedule(Line(_first, "36.001"), good),
            "duplicate" => Schedule(good, good),
            _ => Encoding.UTF8.GetBytes("order,payroll,date,amount\n" + good + "\n"),
        };

        (await ImportAsync(file)).ShouldBeOfType<Import.Result.Refused>().Where.ShouldBe(where);

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from aeo_remittance_import"))).ShouldBe(0);
        (await BalanceAsync(_orders[1])).ShouldBe(M("1460.00"));
    }
}
