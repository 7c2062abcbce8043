using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>
/// Makes an attachment of earnings order (CTAE Regs 1992 reg 37) on a liability order against one debtor, to the employer their
/// newest reply named, for what the liability order leaves unpaid; the deduction per pay is Schedule 4's for the pay in that reply
/// (reg 38), the same rule as the `attachment-of-earnings` calculator. Refused: while a Breathing Space is in force (logged on the
/// timeline, SI 2020/1311 reg 7), under a vulnerability hold, when two orders are already in force against the debtor (reg 37(4)),
/// or when an order is already in force on the same liability order and debtor.
/// </summary>
public static class MakeAttachmentOrder
{
    public sealed record Request(long LiabilityOrderId, long PartyId, LocalDate MadeOn);

    /// <summary>The order made; <see cref="Priority"/> is its place among the debtor's orders in force (reg 42: the order made).</summary>
    public sealed record Made(AttachmentOrder Order, int Priority, Employer Employer, IReadOnlyList<ExplanationStep> Explanation);

    public static async Task<Outcome<Made>> HandleAsync(DbConnection connection, DbTransaction tx, CouncilId council, Request request, string officer, Instant now)
    {
        var (facts, notFound, refused) = await LiabilityOrderFacts.ReadAsync(connection, tx, council, request.LiabilityOrderId, request.MadeOn);
        if (facts is null)
        {
            return notFound is not null ? new Outcome<Made>.NotFound(notFound) : new Outcome<Made>.Invalid("liabilityOrder", refused!);
        }

        var lo = facts.Order;
        if (request.MadeOn < lo.MadeOn)
        {
            return new Outcome<Made>.Invalid("madeOn", $"The liability order was made on {DateText.FormatIso(lo.MadeOn)}; an attachment of earnings order can only follow it (reg 37(1))");
        }

        if (!facts.Debtors.Contains(request.PartyId))
        {
            return new Outcome<Made>.Invalid("party", $"Person {request.PartyId} is not liable on {facts.Account.Reference} for {lo.Year}, so the liability order is not against them");
        }

        var reply = await InformationRequests.NewestReplyAsync(connection, council, request.PartyId, tx);
        if (reply is not { Employment: Employment.Employed, EmployerId: { } employerId, PayPeriod: { } period, NetPay: { } net })
        {
            return new Outcome<Made>.Invalid("reply", reply is null
                ? "Record the person's reply to a request for information first: the order names their employer and is worked out from their pay (regs 36-38)"
                : $"The person's newest reply ({DateText.FormatIso(reply.ReceivedOn)}) says they are {reply.Employment.Code().Replace('-', ' ')}: there is no employer to send an order to");
        }

        var orders = await AttachmentOrders.ForPartyAsync(connection, council, request.PartyId, tx);
        if (orders.FirstOrDefault(o => o.InForce && o.LiabilityOrderId == lo.OrderId) is { } existing)
        {
            return new Outcome<Made>.Conflict($"Order {existing.OrderId} made on {DateText.FormatIso(existing.MadeOn)} is already in force on this liability order against this person");
        }

        var accountId = facts.Account.AccountId;
        if (await Moratoriums.InForceAsync(connection, tx, council, accountId, request.MadeOn) is { } hold)
        {
            var what = $"Attachment of earnings order under the liability order of {DateText.FormatIso(lo.MadeOn)}";
            await Moratoriums.RecordRefusalAsync(connection, tx, council, hold, request.MadeOn, what, officer, now);
            return new Outcome<Made>.Conflict(Moratoriums.RefusalMessage(hold, what));
        }

        if (await AccountHolds.InForceOnAsync(connection, tx, council, [accountId], request.MadeOn, [HoldReason.Vulnerable]) is [var vulnerable, ..])
        {
            return new Outcome<Made>.Conflict(
                $"Refused: the account has a vulnerability hold from {DateText.FormatIso(vulnerable.From)} ({vulnerable.Note}); no attachment of earnings order while it is in force. Review the flag with the person first");
        }

        var inForce = orders.Where(o => o.InForce).ToList();
        if (inForce.Count >= EnforcementLaw.MostOrdersInForce)
        {
            return new Outcome<Made>.Conflict(
                $"Refused: {inForce.Count} orders are already in force against this person (orders {string.Join(" and ", inForce.Select(o => o.OrderId))}); " +
                $"a third may not be made ({EnforcementLaw.TwoOrdersSource})");
        }

        if (!facts.Outstanding.IsPositive)
        {
            return new Outcome<Made>.Conflict($"Nothing is left to pay under the liability order of {DateText.FormatIso(lo.MadeOn)}, so there is nothing to attach");
        }

        var deduction = EnforcementTables.EarningsDeductions.For(period, request.MadeOn, net);
        if (deduction is null)
        {
            return new Outcome<Made>.Invalid("madeOn", $"There is no Schedule 4 table in force on {DateText.FormatIso(request.MadeOn)}");
        }

        var employer = (await AttachmentOrders.EmployerAsync(connection, council, employerId, tx))!;
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "attachment_order", 1);
        var order = new AttachmentOrder(id, accountId, lo.OrderId, lo.Year, request.PartyId, employerId, reply.PayrollNumber, request.MadeOn, facts.Outstanding,
            period, net, deduction.Deduction, AttachmentOrders.InForce, null, null);
        await connection.ExecuteAsync(
            "insert into attachment_order (council_id, order_id, account_id, liability_order_id, financial_year, party_id, employer_id, reply_id, payroll_number, " +
            "made_on, order_sum_pence, pay_period, net_pay_pence, deduction_pence, deduction_source, status, source_key, made_by, made_at) values (@council, @id, " +
            "@account, @lo, @year, @party, @employerId, @reply, @payroll, @madeOn, @sum, @period, @net, @deduction, @source, 'in-force', @key, @officer, @now)",
            new
            {
                council = council.Value, id, account = accountId, lo = lo.OrderId, year = lo.Year.StartYear, party = request.PartyId, employerId,
                reply = reply.ReplyId, payroll = reply.PayrollNumber, madeOn = request.MadeOn, sum = facts.Outstanding.Pence, period = period.Code(),
                net = net.Pence, deduction = deduction.Deduction.Pence, source = deduction.Band.Source,
                key = string.Create(CultureInfo.InvariantCulture, $"{lo.OrderId}:{request.PartyId}:{id}"), officer, now,
            },
            tx);
        var priority = inForce.Count + 1;
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, request.MadeOn, "attachment-order",
            $"Attachment of earnings order {id} to {employer.Name} for {facts.Outstanding.ToDisplayString()} under the liability order of " +
            $"{DateText.FormatIso(lo.MadeOn)}: {deduction.Deduction.ToDisplayString()} from each {period.Code()} pay of {net.ToDisplayString()} " +
            $"({deduction.Percent}%); priority {priority} of the person's orders in force",
            officer, EnforcementLaw.AttachmentSource);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", accountId.ToString(CultureInfo.InvariantCulture),
            $"Attachment of earnings order {id} made at employer {employerId}", null, now);
        List<ExplanationStep> why =
        [
            new($"Left to pay under the liability order of {DateText.FormatIso(lo.MadeOn)} ({lo.Court}, {lo.Year}): the order's sum and costs less what has been paid since",
                facts.Outstanding, EnforcementLaw.AttachmentSource),
            .. deduction.Explanation,
        ];
        return new Made(order, priority, employer, why);
    }
}
