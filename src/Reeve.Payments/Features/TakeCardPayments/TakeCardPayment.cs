#pragma warning disable IDE1006 // column names as the database spells them
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Payments.Features.TakeCardPayments;

/// <summary>
/// An officer takes a card payment through GOV.UK Pay (the payer on the phone or at the desk; no portal yet):
/// Reeve records the payment, asks GOV.UK Pay to create it with a return URL, and sends the officer to GOV.UK
/// Pay's page. When GOV.UK Pay reports success (the return page, the webhook or the status reconciliation,
/// whichever is first) the payment is posted to the account once: the ledger key is GOV.UK Pay's payment id.
/// </summary>
public static class TakeCardPayment
{
    public sealed record Started(long CardPaymentId, string PayId, string NextUrl);

    public sealed record Confirmed(long CardPaymentId, AccountReference Account, Money Amount, string Status, bool Posted, bool PostedBefore);

    public static async Task<Outcome<Started>> StartAsync(
        ReeveDatabase db, GovUkPayClient pay, CouncilId council, string accountReference, string? amountText, string officer,
        Func<long, string> returnUrl, Instant now, CancellationToken ct = default)
    {
        if (!AccountReference.TryParse(accountReference, out var reference, out var error))
        {
            return new Outcome<Started>.Invalid("account", error);
        }

        if (!MoneyText.TryParse(amountText, out var amount, out var amountError))
        {
            return new Outcome<Started>.Invalid("amount", amountError);
        }

        if (!amount.IsPositive)
        {
            return new Outcome<Started>.Invalid("amount", "The payment must be more than £0.00");
        }

        long id;
        long accountId;
        await using (var connection = await db.OpenAsync(ct))
        {
            var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
            if (account is null)
            {
                return new Outcome<Started>.NotFound($"account {reference}");
            }

            accountId = account.AccountId;
            await using var tx = await connection.BeginTransactionAsync(ct);
            id = await IdAllocator.ReserveAsync(connection, tx, council, "card_payment", 1);
            await connection.ExecuteAsync(
                "insert into card_payment (council_id, card_payment_id, account_id, amount_pence, reference, status, finished, created_at, created_by, updated_at) " +
                "values (@council, @id, @accountId, @amount, @reference, 'creating', @finished, @now, @officer, @now)",
                new { council = council.Value, id, accountId, amount = amount.Pence, reference = reference.Value, finished = false, now, officer },
                tx);
            await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", reference.Value,
                $"Started card payment {id} of {amount.ToDisplayString()} through GOV.UK Pay", null, now);
            await tx.CommitAsync(ct);
        }

        // The call to GOV.UK Pay is outside any transaction: a failure leaves the row as 'creating', which posts nothing.
        var created = await pay.CreatePaymentAsync(amount.Pence, reference.Value, $"Council tax account {reference.Value}", returnUrl(id), ct);
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync(
                "update card_payment set pay_id = @payId, next_url = @next, status = @status, updated_at = @now where council_id = @council and card_payment_id = @id",
                new { payId = created.PaymentId, next = created.NextUrl, status = created.Status, now, council = council.Value, id });
        }

        return created.NextUrl is { } next
            ? new Started(id, created.PaymentId, next)
            : new Outcome<Started>.Conflict("GOV.UK Pay created the payment but gave no page to send the payer to");
    }

    /// <summary>Asks GOV.UK Pay where our card payment is, records it, and posts the payment once if it succeeded.</summary>
    public static async Task<Outcome<Confirmed>> ConfirmAsync(
        ReeveDatabase db, GovUkPayClient pay, CouncilId council, long cardPaymentId, Instant now, CancellationToken ct = default)
    {
        Row? row;
        await using (var connection = await db.OpenAsync(ct))
        {
            row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and card_payment_id = @cardPaymentId",
                new { council = council.Value, cardPaymentId });
        }

        if (row?.pay_id is null)
        {
            return new Outcome<Confirmed>.NotFound($"card payment {cardPaymentId}");
        }

        var state = await pay.GetPaymentAsync(row.pay_id, ct);
        return await RecordAsync(db, council, row, state, now, ct);
    }

    /// <summary>The webhook: a signed message names a payment; its state is confirmed with GOV.UK Pay before anything is posted.</summary>
    public static async Task<Outcome<Confirmed>> FromWebhookAsync(ReeveDatabase db, GovUkPayClient pay, string payId, Instant now, CancellationToken ct = default)
    {
        Row? row;
        await using (var connection = await db.OpenAsync(ct))
        {
            row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where pay_id = @payId", new { payId });
        }

        return row is null
            ? new Outcome<Confirmed>.NotFound($"GOV.UK Pay payment {payId}")
            : await ConfirmAsync(db, pay, new CouncilId(row.council_id), row.card_payment_id, now, ct);
    }

    /// <summary>Every card payment not yet finished, asked about again (for payers who never came back and webhooks that never arrived).</summary>
    public static async Task<IReadOnlyList<Outcome<Confirmed>>> ReconcileAsync(ReeveDatabase db, GovUkPayClient pay, CouncilId council, Instant now, CancellationToken ct = default)
    {
        List<long> open;
        await using (var connection = await db.OpenAsync(ct))
        {
            open = (await connection.QueryAsync<long>(
                "select card_payment_id from card_payment where council_id = @council and pay_id is not null and status <> 'success' and " +
                "(case when finished then 1 else 0 end) = 0 order by card_payment_id", new { council = council.Value })).ToList();
        }

        var results = new List<Outcome<Confirmed>>();
        foreach (var id in open)
        {
            results.Add(await ConfirmAsync(db, pay, council, id, now, ct));
        }

        return results;
    }

    private static async Task<Outcome<Confirmed>> RecordAsync(ReeveDatabase db, CouncilId council, Row row, PayPayment state, Instant now, CancellationToken ct)
    {
        if (state.Amount != row.amount_pence)
        {
            return new Outcome<Confirmed>.Conflict($"GOV.UK Pay reports {Money.FromPence(state.Amount).ToDisplayString()} for card payment {row.card_payment_id}, not {Money.FromPence(row.amount_pence).ToDisplayString()}: nothing was posted");
        }

        var reference = AccountReference.TryParse(row.reference, out var r, out _) ? r : throw new InvalidOperationException($"Bad reference {row.reference}");
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(
            "update card_payment set status = @status, finished = @finished, updated_at = @now where council_id = @council and card_payment_id = @id",
            new { status = state.Status, finished = state.Finished, now, council = council.Value, id = row.card_payment_id }, tx);
        var posted = false;
        var before = false;
        if (state.Status == "success")
        {
            var paidOn = now.InZone(UkTime.Zone).Date;
            var outstanding = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, [row.account_id]);
            var entries = PaymentAccounts.EntriesFor(council, row.account_id, Money.FromPence(row.amount_pence), paidOn, row.reference, outstanding,
                row.created_by, $"Card payment through GOV.UK Pay, payment {row.pay_id}", "Payment received: GOV.UK Pay card payment", $"govuk-pay:{row.pay_id}");
            if (await PostEntries.PostAsync(connection, tx, entries, now, ct) is not Outcome<PostResult>.Done { Value: var result })
            {
                throw new InvalidOperationException($"Card payment {row.card_payment_id} could not be posted");
            }

            posted = result.Posted.Count > 0;
            before = !posted;
            if (posted)
            {
                await AccountEvents.RecordAsync(connection, tx, council, row.account_id, now, paidOn, "payment",
                    $"Card payment of {Money.FromPence(row.amount_pence).ToDisplayString()} through GOV.UK Pay", row.created_by, "Payment received: GOV.UK Pay card payment");
            }
        }

        await tx.CommitAsync(ct);
        return new Confirmed(row.card_payment_id, reference, Money.FromPence(row.amount_pence), state.Status, posted, before);
    }

    private sealed class Row
    {
        public const string Select = "select council_id, card_payment_id, account_id, amount_pence, reference, pay_id, created_by from card_payment";

        public int council_id { get; set; }
        public long card_payment_id { get; set; }
        public long account_id { get; set; }
        public long amount_pence { get; set; }
        public string reference { get; set; } = "";
        public string? pay_id { get; set; }
        public string created_by { get; set; } = "";
    }
}
