using System.Text.Json;
using Reeve.Kernel;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments;

/// <summary>
/// The column layouts a council's bank and payment agents use (formats.md 5.2 and 5.4: no national standard,
/// and agents' layouts are contractual). A layout is named here or given as a JSON file holding the fields of
/// <see cref="BankCsvLayout"/> or <see cref="AgentFileLayout"/>, so a council adds its bank without a release.
/// </summary>
public static class PaymentLayouts
{
    /// <summary>Date, Type, Description, Paid in, Paid out, Balance, with a header row: the common UK online banking export.</summary>
    public static readonly BankCsvLayout PaidInPaidOut = new(
        DateColumn: 0, DatePattern: "dd/MM/uuuu", DescriptionColumn: 2, PaidInColumn: 3, PaidOutColumn: 4, BalanceColumn: 5);

    /// <summary>Date (ISO), Description, signed Amount, no header.</summary>
    public static readonly BankCsvLayout SignedAmount = new(DateColumn: 0, DatePattern: "uuuu-MM-dd", DescriptionColumn: 1, AmountColumn: 2, HasHeaderRow: false);

    /// <summary>H header, D detail (reference, amount, date yyyyMMdd, transaction id, outlet), T trailer (count, total).</summary>
    public static readonly AgentFileLayout HeaderDetailTrailer = new(
        RecordTypeColumn: 0, DetailTag: "D", HeaderTag: "H", TrailerTag: "T",
        ReferenceColumn: 1, AmountColumn: 2, DateColumn: 3, DatePattern: "uuuuMMdd", TransactionIdColumn: 4, OutletColumn: 5,
        TrailerCountColumn: 1, TrailerTotalColumn: 2);

    public static readonly IReadOnlyDictionary<string, BankCsvLayout> BankCsv = new Dictionary<string, BankCsvLayout>(StringComparer.Ordinal)
    {
        ["paid-in-out"] = PaidInPaidOut,
        ["signed"] = SignedAmount,
    };

    public static readonly IReadOnlyDictionary<string, AgentFileLayout> Agent = new Dictionary<string, AgentFileLayout>(StringComparer.Ordinal)
    {
        ["header-detail-trailer"] = HeaderDetailTrailer,
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A named layout, or the JSON text of one (the caller reads the file).</summary>
    public static Outcome<T> Resolve<T>(IReadOnlyDictionary<string, T> named, string? nameOrJson, string defaultName)
        where T : class
    {
        var given = string.IsNullOrWhiteSpace(nameOrJson) ? defaultName : nameOrJson.Trim();
        if (named.TryGetValue(given, out var layout))
        {
            return layout;
        }

        if (!given.StartsWith('{'))
        {
            return new Outcome<T>.Invalid("layout", $"'{given}' is not a layout; name one of {string.Join(", ", named.Keys)} or give a JSON layout file");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(given, Json) is { } read
                ? read
                : new Outcome<T>.Invalid("layout", "The layout file is empty");
        }
        catch (JsonException e)
        {
            return new Outcome<T>.Invalid("layout", $"The layout file is not a layout: {e.Message}");
        }
    }
}
