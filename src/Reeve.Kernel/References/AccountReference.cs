using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reeve.Kernel;

/// <summary>
/// The reference a payer quotes: nine digits, a leading digit for the kind of debt (5 council tax,
/// 6 business rates, 7 sundry, 8 social care, 9 benefit overpayment), seven of sequence and a Luhn
/// check digit, so that a single mistyped digit or swapped pair is caught and the payment goes to
/// suspense instead of the wrong account. There is no national scheme (formats.md 5.3); this is Reeve's.
/// </summary>
public readonly record struct AccountReference
{
    private AccountReference(string value) => Value = value;

    public string Value { get; }

    public static AccountReference Create(AccountKind kind, long sequence)
    {
        if (sequence is < 1 or > 9_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "Sequence must be 1 to 9,999,999");
        }

        var body = Prefix(kind).ToString(CultureInfo.InvariantCulture) + sequence.ToString("0000000", CultureInfo.InvariantCulture);
        return new AccountReference(body + LuhnCheckDigit(body).ToString(CultureInfo.InvariantCulture));
    }

    public static bool TryParse(string? text, out AccountReference reference, [NotNullWhen(false)] out string? error)
    {
        reference = default;
        var s = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (s.Length != 9 || !s.All(char.IsAsciiDigit))
        {
            error = "An account reference is 9 digits";
            return false;
        }

        if (s[0] is < '5' or > '9')
        {
            error = "An account reference starts with 5, 6, 7, 8 or 9";
            return false;
        }

        if (LuhnCheckDigit(s[..8]) != s[8] - '0')
        {
            error = "The account reference's check digit is wrong: check it has been typed correctly";
            return false;
        }

        reference = new AccountReference(s);
        error = null;
        return true;
    }

    public AccountKind Kind => (AccountKind)(Value[0] - '4');

    private static int Prefix(AccountKind kind) => (int)kind + 4;

    /// <summary>The Luhn (mod 10) check digit for a string of digits.</summary>
    public static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }

    public override string ToString() => Value;
}
