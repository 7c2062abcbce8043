using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Reconciliation;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// The daily reconciliation of cash (issue 4): for one day, each payment channel's bank statement total against
/// the ledger's receipts for the day and what is still in suspense, and each import that holds credits of that
/// day checked to the penny against its file. Reads only. A ledger payment's channel is known from its key:
/// an imported credit is keyed <c>payment:{file hash}:{line}</c> and one allocated from suspense
/// <c>suspense:{item}</c>; any other payment (card, Direct Debit) is shown under its key's first word. The bank's
/// figure counts each bank entry once (a re-sent statement's entries are duplicates and add nothing), and each bank
/// entry of the day is checked against what the ledger holds posted from it, so an entry posted twice is listed.
/// </summary>
public static class ReconcileDay
{
    public static async Task<DayReconciliation> ReconcileAsync(ReeveDatabase db, CouncilId council, LocalDate day, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var c = council.Value;
        var imports = (await connection.QueryAsync<(long Id, string Sha, string FileName, string Format, long Posted, long Suspense)>(
                "select import_id, sha256, file_name, format, posted_pence, suspense_pence from payment_import where council_id = @c", new { c }))
            .ToDictionary(i => i.Id);
        var formatBySha = imports.Values.ToDictionary(i => i.Sha, i => i.Format, StringComparer.Ordinal);

        var statement = (await connection.QueryAsync<(long Id, long Pence)>(
                "select import_id, credit_pence from payment_import_day where council_id = @c and paid_on = @d", new { c, d = day }))
            .ToList();
        var suspenseItems = (await connection.QueryAsync<(long Item, long? Import, long Pence, string Status)>(
                "select item_id, import_id, amount_pence, status from suspense_item where council_id = @c and paid_on = @d", new { c, d = day }))
            .ToList();
        var itemImport = (await connection.QueryAsync<(long Item, long? Import)>(
                "select item_id, import_id from suspense_item where council_id = @c and status = 'allocated'", new { c }))
            .ToDictionary(i => i.Item, i => i.Import);
        var payments = await PaymentEntries.OnDayAsync(connection, council, day);

        string FormatOf(long? importId) => importId is { } id && imports.TryGetValue(id, out var i) ? i.Format : "suspense (no file)";
        var ledger = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var payment in payments)
        {
            var channel = ChannelOf(payment.Key, formatBySha, itemImport, FormatOf);
            ledger[channel] = ledger.GetValueOrDefault(channel) + payment.Amount;
        }

        var bank = statement.GroupBy(s => FormatOf(s.Id)).ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(s => s.Pence)), StringComparer.Ordinal);
        var open = suspenseItems.Where(s => s.Status == "open").GroupBy(s => FormatOf(s.Import))
            .ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(s => s.Pence)), StringComparer.Ordinal);
        var channels = bank.Keys.Concat(ledger.Keys).Concat(open.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(ch => new ChannelDay(Title(ch), bank.GetValueOrDefault(ch), ledger.GetValueOrDefault(ch), open.GetValueOrDefault(ch), IsFile(ch)))
            .ToList();

        var checks = new List<ImportCheck>();
        var twice = new List<EntryPostedTwice>();
        foreach (var importId in statement.Select(s => s.Id).Distinct().Order())
        {
            checks.Add(await CheckImportAsync(connection, council, imports[importId]));
            twice.AddRange(await PostedTwiceAsync(connection, council, imports[importId], day));
        }

        return new DayReconciliation(day, channels, checks) { PostedTwice = twice };
    }

    /// <summary>
    /// The bank entries of one import and day for which the ledger holds more than the bank booked. A payment
    /// posted from a file is keyed <c>payment:{file hash}:{line}</c> (with <c>:{year}</c> when split over years),
    /// so what the ledger holds for each line is summed and set against the entry's booked amount.
    /// </summary>
    private static async Task<IEnumerable<EntryPostedTwice>> PostedTwiceAsync(
        DbConnection connection, CouncilId council, (long Id, string Sha, string FileName, string Format, long Posted, long Suspense) import, LocalDate day)
    {
        var c = council.Value;
        var entries = (await connection.QueryAsync<(string Line, string Key, long Pence)>(
                "select line, entry_key, amount_pence from bank_entry where council_id = @c and import_id = @id and booked_on = @day and outcome = 'posted'",
                new { c, id = import.Id, day }))
            .ToDictionary(e => e.Line, StringComparer.Ordinal);
        if (entries.Count == 0)
        {
            return [];
        }

        var prefix = $"payment:{import.Sha}:";
        var posted = (await PaymentEntries.KeyedFromAsync(connection, council, prefix))
            .GroupBy(p => p.Key![prefix.Length..].Split(':')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Amount.Pence), StringComparer.Ordinal);
        return entries.Values
            .Where(e => posted.GetValueOrDefault(e.Line) > e.Pence)
            .Select(e => new EntryPostedTwice(import.Id, import.FileName, e.Line, e.Key, Money.FromPence(e.Pence), Money.FromPence(posted[e.Line])))
            .ToList();
    }

    private static async Task<ImportCheck> CheckImportAsync(
        DbConnection connection, CouncilId council, (long Id, string Sha, string FileName, string Format, long Posted, long Suspense) import)
    {
        var c = council.Value;
        var fileTotal = await connection.ExecuteScalarAsync<long>(
            "select coalesce(sum(credit_pence), 0) from payment_import_day where council_id = @c and import_id = @id", new { c, id = import.Id });
        var posted = Money.Sum((await PaymentEntries.KeyedFromAsync(connection, council, $"payment:{import.Sha}:")).Select(p => p.Amount));
        var suspended = await connection.ExecuteScalarAsync<long>(
            "select coalesce(sum(amount_pence), 0) from suspense_item where council_id = @c and import_id = @id", new { c, id = import.Id });
        return new ImportCheck(import.Id, import.FileName, import.Format, Money.FromPence(fileTotal), posted, Money.FromPence(suspended));
    }

    private static string ChannelOf(string? key, Dictionary<string, string> formatBySha, Dictionary<long, long?> itemImport, Func<long?, string> formatOf)
    {
        var parts = (key ?? "").Split(':');
        return parts[0] switch
        {
            "payment" when parts.Length > 1 && formatBySha.TryGetValue(parts[1], out var format) => format,
            "suspense" when parts.Length > 1 && long.TryParse(parts[1], out var item) => formatOf(itemImport.GetValueOrDefault(item)),
            "" => "posted by hand",
            var other => other,
        };
    }

    private static bool IsFile(string channel) => PaymentFileFormats.FromCode(channel) is not null;

    private static string Title(string channel) => PaymentFileFormats.FromCode(channel) is { } f ? f.Channel() : channel;
}
