using System.Diagnostics.CodeAnalysis;

namespace Reeve.Kernel;

/// <summary>
/// Reads money typed by a person or sent in a file. It refuses rather than guesses: more than two
/// decimals, thousands separators in the wrong place, exponents and blank text are all errors.
/// </summary>
public static class MoneyText
{
    public static bool TryParse(string? text, out Money money, [NotNullWhen(false)] out string? error)
    {
        money = Money.Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Enter an amount of money";
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('£'))
        {
            s = s[1..];
        }

        var negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..];
            if (s.StartsWith('£'))
            {
                s = s[1..];
            }
        }

        if (s.Contains(',') && !CommasSeparateThousands(s))
        {
            error = "Enter an amount in pounds and pence, like 125.50";
            return false;
        }

        s = s.Replace(",", "", StringComparison.Ordinal);
        var parts = s.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit))
        {
            error = "Enter an amount in pounds and pence, like 125.50";
            return false;
        }

        var pence = 0L;
        if (parts.Length == 2)
        {
            var fraction = parts[1];
            if (fraction.Length == 0 || fraction.Length > 2 || !fraction.All(char.IsAsciiDigit))
            {
                error = "Amount must have no more than two decimal places";
                return false;
            }

            pence = long.Parse(fraction.PadRight(2, '0'), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (parts[0].Length > 13)
        {
            error = "Amount is too large";
            return false;
        }

        var pounds = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var total = checked((pounds * 100) + pence);
        money = Money.FromPence(negative ? -total : total);
        return true;
    }

    // Commas may only group the pounds in threes ("1,234,567.89"): "12,34" or "1.2,3" is refused, not guessed at.
    private static bool CommasSeparateThousands(string s)
    {
        var point = s.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0 && s.IndexOf(',', point) >= 0)
        {
            return false;
        }

        var groups = (point < 0 ? s : s[..point]).Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    public static Money Parse(string text) =>
        TryParse(text, out var money, out var error) ? money : throw new FormatException(error);
}
