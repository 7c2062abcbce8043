using System.Diagnostics.CodeAnalysis;

namespace Reeve.Payments.Domain.BankDetails;

/// <summary>
/// A UK bank sort code: six digits. Typed forms ("40-12-34", "40 12 34") are accepted and stored bare,
/// as Bacs records and the Vocalink tables hold them (formats.md 1.6 and 4.1).
/// </summary>
public readonly record struct SortCode
{
    private SortCode(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out SortCode sortCode, [NotNullWhen(false)] out string? error)
    {
        sortCode = default;
        var s = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (s.Length != 6 || !s.All(char.IsAsciiDigit))
        {
            error = "A sort code is six digits, like 40-12-34";
            return false;
        }

        sortCode = new SortCode(s);
        error = null;
        return true;
    }

    public static SortCode Parse(string text) =>
        TryParse(text, out var sortCode, out var error) ? sortCode : throw new FormatException(error);

    public override string ToString() => Digits;
}
