using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Enforcement;

/// <summary>
/// Imports an employer's remittance schedule (docs/domain/attachment-of-earnings.md), all or nothing: the same file again
/// posts nothing; a line naming an order not at this employer, another payroll number, a pay before the order, a pay already
/// remitted, or more than the order has left refuses the whole file naming the line and field. Each deduction is allocated to
/// its order and posted to the order's account as a payment through the Ledger (one idempotency key per order and pay). Each
/// order in force at the employer with no deduction in the schedule, or a deduction under the order's, is raised for chasing;
/// orders paid off are ended.
/// </summary>
public static class ImportRemittance
{
    public const string Source = "CTAE Regs 1992 (SI 1992/613) reg 39: the employer pays the sums deducted under the order to the authority";

    public sealed record Request(long EmployerId, string FileName, byte[] Content, LocalDate ReceivedOn);

    public sealed record Chase(long OrderId, string Kind, Money Expected, Money Received);

    public sealed record Report(long ImportId, int Lines, Money Total, IReadOnlyList<Chase> Chases, IReadOnlyList<AttachmentOrder> Ended);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Imported(Report Report) : Result;

        public sealed record AlreadyImported(long ImportId) : Result;

        /// <summary>Nothing was recorded or posted; <see cref="Where"/> is "line N: field" (or the request's field).</summary>
        public sealed record Refused(string Where, string Message) : Result;
    }

    /// <summary>
    /// Runs the import in a transaction of its own, ended by <paramref name="finish"/> when the schedule is imported: committed
    /// (with what the caller writes alongside), or rolled back as a preview of exactly what it would post. A refusal or a file
    /// seen before writes nothing.
    /// </summary>
    public static Task<Result> HandleAsync(ReeveDatabase db, CouncilId council, Request request, string officer, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        finish.RunAsync(db, (connection, tx) => HandleAsync(connection, tx, council, request, officer, now), result => result is Result.Imported, ct);

    public static async Task<Result> HandleAsync(DbConnection connection, DbTransaction tx, CouncilId council, Request request, string officer, Instant now)
    {
        var employer = await AttachmentOrders.EmployerAsync(connection, council, request.EmployerId, tx);
        if (employer is null)
        {
            return new Result.Refused("employer", $"There is no employer {request.EmployerId}");
        }

        var hash = Convert.ToHexString(SHA256.HashData(request.Content));
        if (await connection.ExecuteScalarAsync<long?>("select import_id from aeo_remittance_import where council_id = @council and file_sha256 = @hash",
                new { council = council.Value, hash }, tx) is { } done)
        {
            return new Result.AlreadyImported(done);
        }

        IReadOnlyList<RemittanceLine> lines;
        try
        {
            lines = RemittanceSchedule.Read(Encoding.UTF8.GetString(request.Content));
        }
        catch (CsvFormatException bad)
        {
            return new Result.Refused(bad.Where, bad.Message);
        }

        var orders = (await AttachmentOrders.AtEmployerAsync(connection, council, employer.EmployerId, tx)).ToDictionary(o => o.OrderId);
        var remitted = (await connection.QueryAsync<(long OrderId, LocalDate PayDate, long Amount)>(
                "select l.order_id, l.pay_date, l.amount_pence from aeo_remittance_line l join attachment_order o on o.council_id = l.council_id and o.order_id = l.order_id " +
                "where l.council_id = @council and o.employer_id = @employer", new { council = council.Value, employer = employer.EmployerId }, tx)).ToList();
        var paidSoFar = remitted.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(r => r.Amount)));
        foreach (var line in lines)
        {
            if (Problem(line, orders.GetValueOrDefault(line.OrderId), employer, remitted, paidSoFar, request.ReceivedOn) is { } problem)
            {
                return new Result.Refused($"line {line.Line}: {problem.Field}", problem.Message);
            }

            paidSoFar[line.OrderId] = paidSoFar.GetValueOrDefault(line.OrderId) + line.Amount;
        }

        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "aeo_remittance_import", 1);
        var total = Money.Sum(lines.Select(l => l.Amount));
        await connection.ExecuteAsync(
            "insert into aeo_remittance_import (council_id, import_id, employer_id, file_name, file_sha256, received_on, lines, total_pence, imported_by, imported_at) " +
            "values (@council, @importId, @employer, @file, @hash, @received, @lines, @total, @officer, @now)",
            new
            {
                council = council.Value, importId, employer = employer.EmployerId, file = request.FileName, hash, received = request.ReceivedOn, lines = lines.Count,
                total = total.Pence, officer, now,
            },
            tx);

        var entries = lines.Select(l => new NewEntry(council, orders[l.OrderId].AccountId, EntryKind.Payment, l.Amount, orders[l.OrderId].Year, request.ReceivedOn, officer,
            $"Attachment of earnings: {employer.Name} deduction from the pay of {DateText.FormatIso(l.PayDate)} under order {l.OrderId}", Source,
            string.Create(CultureInfo.InvariantCulture, $"aeo-remittance:{council.Value}:{l.OrderId}:{DateText.FormatIso(l.PayDate)}"))).ToList();
        var entryIds = new Dictionary<string, long>(StringComparer.Ordinal);
        if (entries.Count > 0)
        {
            if (await PostEntries.PostAsync(connection, tx, entries, now) is not Outcome<PostResult>.Done { Value: var posted })
            {
                throw new InvalidOperationException("The remittance's payments could not be posted");
            }

            foreach (var e in posted.Posted)
            {
                entryIds[e.IdempotencyKey!] = e.EntryId;
            }
        }

        await connection.ExecuteAsync(
            "insert into aeo_remittance_line (council_id, import_id, line_number, order_id, pay_date, amount_pence, entry_id) values (@council, @importId, @line, @order, @payDate, @amount, @entry)",
            lines.Select((l, i) => new
            {
                council = council.Value, importId, line = l.Line, order = l.OrderId, payDate = l.PayDate, amount = l.Amount.Pence,
                entry = entryIds.TryGetValue(entries[i].IdempotencyKey!, out var id) ? id : (long?)null,
            }),
            tx);

        var chases = Chases(orders.Values, lines, paidSoFar);
        if (chases.Count > 0)
        {
            var firstChase = await IdAllocator.ReserveAsync(connection, tx, council, "aeo_chase", chases.Count);
            await connection.ExecuteAsync(
                "insert into aeo_chase (council_id, chase_id, import_id, order_id, kind, expected_pence, received_pence, raised_on, status) " +
                "values (@council, @id, @importId, @order, @kind, @expected, @received, @raised, 'open')",
                chases.Select((c, i) => new
                {
                    council = council.Value, id = firstChase + i, importId, order = c.OrderId, kind = c.Kind, expected = c.Expected.Pence, received = c.Received.Pence,
                    raised = request.ReceivedOn,
                }),
                tx);
            await AccountEventBatch.WriteAsync(connection, tx, council, [.. chases.Select(c => new NewAccountEvent(orders[c.OrderId].AccountId, now, request.ReceivedOn,
                "attachment-remittance-" + c.Kind,
                $"{employer.Name}'s schedule of {DateText.FormatIso(request.ReceivedOn)} " + (c.Kind == "missing"
                    ? $"has no deduction under order {c.OrderId} ({c.Expected.ToDisplayString()} expected): raised for chasing"
                    : $"has {c.Received.ToDisplayString()} under order {c.OrderId}, short of its {c.Expected.ToDisplayString()}: raised for chasing"),
                officer, Source))]);
        }

        var ended = await EndPaidAttachmentOrders.HandleAsync(connection, tx, council, request.ReceivedOn, officer, now);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "employer", employer.EmployerId.ToString(CultureInfo.InvariantCulture),
            $"Remittance schedule {request.FileName} imported: {lines.Count} deduction(s), {total.ToDisplayString()}", null, now);
        return new Result.Imported(new Report(importId, lines.Count, total, chases, ended));
    }

    private static (string Field, string Message)? Problem(
        RemittanceLine line, AttachmentOrder? order, Employer employer, List<(long OrderId, LocalDate PayDate, long Amount)> remitted,
        Dictionary<long, Money> paidSoFar, LocalDate receivedOn)
    {
        if (order is null)
        {
            return ("order", $"There is no attachment of earnings order {line.OrderId} at {employer.Name}");
        }

        if (line.PayrollNumber.Length > 0 && !string.Equals(line.PayrollNumber, order.PayrollNumber, StringComparison.OrdinalIgnoreCase))
        {
            return ("payroll_number", $"Order {order.OrderId} is for payroll number {order.PayrollNumber}, not {line.PayrollNumber}");
        }

        if (line.PayDate < order.MadeOn || line.PayDate > receivedOn || (order.EndedOn is { } end && line.PayDate > end))
        {
            return ("pay_date", $"Order {order.OrderId} ran from {DateText.FormatIso(order.MadeOn)}" +
                (order.EndedOn is { } e ? $" to {DateText.FormatIso(e)}" : "") + $"; a pay on {DateText.FormatIso(line.PayDate)} is outside it or after the schedule was received");
        }

        if (remitted.Any(r => r.OrderId == line.OrderId && r.PayDate == line.PayDate))
        {
            return ("pay_date", $"The deduction from the pay of {DateText.FormatIso(line.PayDate)} under order {order.OrderId} was remitted in an earlier schedule");
        }

        var left = order.OrderSum - paidSoFar.GetValueOrDefault(line.OrderId);
        return line.Amount > left
            ? ("amount", $"Order {order.OrderId} has {left.ToDisplayString()} left to collect; {line.Amount.ToDisplayString()} is more")
            : null;
    }

    // Every order in force at the employer that the schedule should cover: none remitted is missing; less than its deduction from
    // any pay is short, unless that pay cleared what the order had left. An order made after the last pay in the schedule is not yet due.
    private static List<Chase> Chases(IEnumerable<AttachmentOrder> atEmployer, IReadOnlyList<RemittanceLine> lines, Dictionary<long, Money> paidSoFar)
    {
        var lastPay = lines.Count == 0 ? (LocalDate?)null : lines.Max(l => l.PayDate);
        var chases = new List<Chase>();
        foreach (var order in atEmployer.Where(o => o.InForce).OrderBy(o => o.OrderId))
        {
            var own = lines.Where(l => l.OrderId == order.OrderId).ToList();
            if (own.Count == 0 && (lastPay is null || order.MadeOn <= lastPay))
            {
                chases.Add(new Chase(order.OrderId, "missing", order.Deduction, Money.Zero));
            }

            var cleared = paidSoFar.GetValueOrDefault(order.OrderId) >= order.OrderSum;
            chases.AddRange(own.Where(l => l.Amount < order.Deduction && !cleared).Select(l => new Chase(order.OrderId, "short", order.Deduction, l.Amount)));
        }

        return chases;
    }
}
