using System.Diagnostics.CodeAnalysis;

namespace Reeve.Payments.Domain.BankDetails;

/// <summary>
/// A UK bank account number in the eight-digit form Bacs carries (formats.md 1.6). Six- and seven-digit
/// numbers are padded with leading zeros, as the Vocalink document says. Nine- and ten-digit numbers need
/// bank-specific conversion (formats.md 4.1 says these rules were not re-verified), so they are refused
/// and the payer is asked for the eight-digit number their bank uses for Direct Debits.
/// </summary>
public readonly record struct AccountNumber
{
    private AccountNumber(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out AccountNumber accountNumber, [NotNullWhen(false)] out string? error)
    {
        // Eight digits as stored: taken as they are, with nothing to trim or pad (a collection run reads a million).
        if (text is { Length: 8 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            accountNumber = new AccountNumber(text);
            error = null;
            return true;
        }

        accountNumber = default;
        var s = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (s.Length is < 6 or > 8 || !s.All(char.IsAsciiDigit))
        {
            error = "An account number is eight digits (six or seven are padded with zeros)";
            return false;
        }

        accountNumber = new AccountNumber(s.PadLeft(8, '0'));
        error = null;
        return true;
    }

    public static AccountNumber Parse(string text) =>
        TryParse(text, out var accountNumber, out var error) ? accountNumber : throw new FormatException(error);

    public override string ToString() => Digits;
}
