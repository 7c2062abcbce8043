using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Refunds;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Pays approved bank refunds in a Bacs Standard 18 Direct Credit file (transaction code 99, formats.md 1.7)
/// for one processing day, dated the day the run is first made. A run is made once per processing day: the refunds in it are marked paid and the
/// file's hash kept, so running it again for the same day writes the same file and pays nobody twice (refunds
/// approved since then wait for the next day's run). Card refunds are not in Bacs files.
/// </summary>
public static class PayRefunds
{
    public sealed record Run(long RunId, LocalDate ProcessingDate, IReadOnlyList<Refund> Refunds, Money Total, string File, bool AlreadyMade);

    public static async Task<Outcome<Run>> PayAsync(
        ReeveDatabase db, CouncilId council, LocalDate processingDate, WorkingDays calendar, string officer, Instant now,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var settings = await RefundStore.SettingsAsync(connection, tx, council);
        if (settings.PaidFrom is not { } paidFrom)
        {
            return new Outcome<Run>.Invalid("settings",
                "The council has no refund bank account set: set it with 'reeve payments refunds settings --sun ... --sort-code ... --account-number ... --name ...'");
        }

        var existing = await connection.QuerySingleOrDefaultAsync<(long RunId, Instant CreatedAt)?>(
            "select run_id, created_at from refund_payment_run where council_id = @council and processing_date = @day",
            new { council = council.Value, day = processingDate }, tx);
        if (existing is { } run)
        {
            var paid = (await RefundStore.ListAsync(connection, tx, council, [RefundStatus.Paid])).Where(r => r.RunId == run.RunId).ToList();
            var created = run.CreatedAt.InZone(UkTime.Zone).Date;
            return Write(paidFrom, run.RunId, created, processingDate, paid, calendar) switch
            {
                Outcome<string>.Done d => new Run(run.RunId, processingDate, paid, Money.Sum(paid.Select(r => r.Amount)), d.Value, AlreadyMade: true),
                Outcome<string>.Invalid i => new Outcome<Run>.Invalid(i.Field, i.Message),
                var other => throw new InvalidOperationException($"Unexpected result {other}"),
            };
        }

        var due = (await RefundStore.ListAsync(connection, tx, council, [RefundStatus.Approved])).Where(r => r.Method == RefundMethod.Bank).ToList();
        if (due.Count == 0)
        {
            return new Outcome<Run>.NotFound("approved bank refund waiting to be paid");
        }

        var runId = await IdAllocator.ReserveAsync(connection, tx, council, "refund_payment_run", 1);
        var written = Write(paidFrom, runId, now.InZone(UkTime.Zone).Date, processingDate, due, calendar);
        if (written is not Outcome<string>.Done { Value: var file })
        {
            return written is Outcome<string>.Invalid i ? new Outcome<Run>.Invalid(i.Field, i.Message) : throw new InvalidOperationException("Unexpected result");
        }

        var total = Money.Sum(due.Select(r => r.Amount));
        await connection.ExecuteAsync(
            "insert into refund_payment_run (council_id, run_id, processing_date, refunds, total_pence, sha256, created_at, created_by) " +
            "values (@council, @runId, @day, @count, @total, @sha, @now, @officer)",
            new
            {
                council = council.Value, runId, day = processingDate, count = due.Count, total = total.Pence,
                sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(file))), now, officer,
            },
            tx);
        await connection.ExecuteAsync(
            "update refund_request set status = 'paid', run_id = @runId where council_id = @council and status = 'approved' and method = 'bank' " +
            $"and refund_id {PaymentAccounts.AnyOf(connection)}",
            new { runId, council = council.Value, chunk = due.Select(r => r.RefundId).ToArray() }, tx);
        await tx.CommitAsync(ct);
        return new Run(runId, processingDate, due, total, file, AlreadyMade: false);
    }

    // The reference the payee's bank shows: the council's account reference, so the payer knows what it is for.
    private static Outcome<string> Write(ServiceUser paidFrom, long runId, LocalDate created, LocalDate processingDate, IReadOnlyList<Refund> refunds, WorkingDays calendar) =>
        Standard18Writer.Write(
            new Standard18File(paidFrom, "R" + (runId % 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), created, processingDate,
                refunds.Select(r => new PaymentInstruction(SortCode.Parse(r.SortCode!), AccountNumber.Parse(r.AccountNumber!), r.AccountName!,
                    TransactionCode.DirectCredit, r.Amount, $"REFUND {r.Account}")).ToList(),
                "REFUNDS"),
            calendar);
}
