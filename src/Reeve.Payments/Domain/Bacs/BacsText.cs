namespace Reeve.Payments.Domain.Bacs;

/// <summary>
/// The Bacs character set: upper-case A to Z, 0 to 9, space and . / - &amp; (formats.md 1.6). Names are
/// upper-cased, lose apostrophes and are cut to the field width, as banks read only what fits; anything else
/// outside the set is refused rather than silently changed.
/// </summary>
internal static class BacsText
{
    public static bool IsAllowed(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ' or '.' or '/' or '-' or '&';

    public static string? FirstDisallowed(string text)
    {
        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                return c.ToString();
            }
        }

        return null;
    }

    public static string Name(string text, int width)
    {
        var s = text.Trim().ToUpperInvariant().Replace("'", "", StringComparison.Ordinal).Replace('_', ' ');
        return s.Length > width ? s[..width].TrimEnd() : s;
    }

    /// <summary>Why a Direct Debit reference breaks the scheme's rules (formats.md 1.6), or null if it is fine.</summary>
    public static string? ReferenceProblem(string reference)
    {
        if (reference.Length is < 6 or > 18)
        {
            return "A Direct Debit reference is 6 to 18 characters";
        }

        if (!char.IsAsciiLetterOrDigit(reference[0]))
        {
            return "A Direct Debit reference starts with a letter or a digit";
        }

        if (reference.StartsWith("DDIC", StringComparison.Ordinal))
        {
            return "A Direct Debit reference must not start with DDIC";
        }

        if (reference.All(c => c == reference[0]))
        {
            return "A Direct Debit reference must not be one character repeated";
        }

        return FirstDisallowed(reference) is { } bad ? $"'{bad}' is not allowed in a Bacs reference" : null;
    }
}
