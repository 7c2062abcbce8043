using System.Text.RegularExpressions;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Receipts;

/// <summary>Why a credit could not be put on an account, as the suspense queue shows it.</summary>
public enum SuspenseReason
{
    NoReference = 1,
    CheckDigitWrong = 2,
    NoSuchAccount = 3,
    SeveralReferences = 4,

    /// <summary>A credit reversing a payment the council made (a returned refund or other Bacs credit): find what it returns.</summary>
    MoneyReturned = 5,

    /// <summary>A batched bank entry whose transactions do not add up to what the bank booked: split it by hand.</summary>
    AmountsDisagree = 6,
}

public static class SuspenseReasons
{
    public static string Code(this SuspenseReason reason) => reason switch
    {
        SuspenseReason.NoReference => "no reference",
        SuspenseReason.CheckDigitWrong => "check digit wrong",
        SuspenseReason.NoSuchAccount => "no such account",
        SuspenseReason.SeveralReferences => "several references",
        SuspenseReason.MoneyReturned => "money returned to the council",
        SuspenseReason.AmountsDisagree => "entry amounts disagree",
    };

    public static SuspenseReason FromCode(string code) =>
        Enum.GetValues<SuspenseReason>().FirstOrDefault(r => r.Code() == code) is var r && r != 0
            ? r
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown suspense reason");
}

/// <summary>What the reference text of a credit holds: one valid account reference, or why not.</summary>
public abstract record ReferenceReading
{
    private ReferenceReading()
    {
    }

    public sealed record Found(AccountReference Reference) : ReferenceReading;

    /// <param name="Candidates">The nine-digit numbers that looked like references, for typo suggestions.</param>
    public sealed record NotFound(SuspenseReason Reason, IReadOnlyList<string> Candidates) : ReferenceReading;
}

/// <summary>
/// Finds the council account reference in what a payer wrote ("CTAX 500000012", "SMITH J 5000 0001 2").
/// A reference is nine digits starting 5 to 9 with a Luhn check digit (<see cref="AccountReference"/>);
/// nine digits starting 5 to 9 that fail the check are a mistyped reference, which goes to suspense rather
/// than to whichever account the typo happens to name.
/// </summary>
public static partial class PayerReference
{
    public static ReferenceReading Read(string text)
    {
        var candidates = NineDigitRuns(text);
        if (candidates.Count == 0)
        {
            // Typed in groups: "500 000 012" or "5000 0001 2".
            candidates = SpacedDigits().Matches(text.ToUpperInvariant()).Select(m => m.Value.Replace(" ", "", StringComparison.Ordinal))
                .Where(d => d.Length == 9).ToList();
        }

        candidates = candidates.Count == 1 && candidates[0][0] is >= '5' and <= '9'
            ? candidates
            : candidates.Where(c => c[0] is >= '5' and <= '9').Distinct(StringComparer.Ordinal).ToList();
        var valid = new List<AccountReference>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (AccountReference.TryParse(candidate, out var reference, out _))
            {
                valid.Add(reference);
            }
        }

        return valid.Count switch
        {
            1 => new ReferenceReading.Found(valid[0]),
            > 1 => new ReferenceReading.NotFound(SuspenseReason.SeveralReferences, candidates),
            _ when candidates.Count > 0 => new ReferenceReading.NotFound(SuspenseReason.CheckDigitWrong, candidates),
            _ => new ReferenceReading.NotFound(SuspenseReason.NoReference, candidates),
        };
    }

    // Every run of exactly nine ASCII digits with no digit either side, in order: read by hand rather than by a
    // regular expression, as a million-line statement reads a million references.
    private static List<string> NineDigitRuns(string text)
    {
        var runs = new List<string>(1);
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i - start == 9)
            {
                runs.Add(text.Substring(start, 9));
            }
        }

        return runs;
    }

    /// <summary>
    /// The financial year a payer names, written as officers and bills write it ("2024/25", "2024-25"), if
    /// exactly one is named.
    /// </summary>
    public static FinancialYear? NamedYear(string text)
    {
        // A year is written with a slash or a dash; most payers' text has neither.
        if (text.AsSpan().IndexOfAny('/', '-') < 0)
        {
            return null;
        }

        var years = YearText().Matches(text)
            .Select(m => (Start: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                End: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(y => (y.Start + 1) % 100 == y.End)
            .Select(y => new FinancialYear(y.Start))
            .Distinct()
            .ToList();
        return years.Count == 1 ? years[0] : null;
    }

    /// <summary>
    /// The valid references one keystroke away from <paramref name="typed"/>: one digit changed, or two
    /// neighbouring digits swapped. The Luhn digit catches every such slip except a 09/90 swap, so these are
    /// what the payer most likely meant to type.
    /// </summary>
    public static IReadOnlyList<AccountReference> OneSlipAway(string typed)
    {
        if (typed.Length != 9 || !typed.All(char.IsAsciiDigit))
        {
            return [];
        }

        var found = new HashSet<AccountReference>();
        var digits = typed.ToCharArray();
        for (var i = 0; i < digits.Length; i++)
        {
            var original = digits[i];
            for (var d = '0'; d <= '9'; d++)
            {
                if (d != original)
                {
                    digits[i] = d;
                    Add(new string(digits));
                }
            }

            digits[i] = original;
        }

        for (var i = 0; i + 1 < digits.Length; i++)
        {
            if (digits[i] != digits[i + 1])
            {
                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
                Add(new string(digits));
                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
            }
        }

        return found.OrderBy(r => r.Value, StringComparer.Ordinal).ToList();

        void Add(string s)
        {
            if (AccountReference.TryParse(s, out var r, out _))
            {
                found.Add(r);
            }
        }
    }

    /// <summary>A UK postcode written in the text ("WD1 1AB", "wd11ab"), normalised to upper case with one space.</summary>
    public static string? Postcode(string text)
    {
        var m = PostcodeText().Match(text.ToUpperInvariant());
        return m.Success ? $"{m.Groups[1].Value} {m.Groups[2].Value}" : null;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{1,5}(?: [0-9]{1,5}){1,4}(?![0-9])")]
    private static partial Regex SpacedDigits();

    [GeneratedRegex(@"(?<![0-9])(20[0-9]{2})\s?[/-]\s?([0-9]{2})(?![0-9])")]
    private static partial Regex YearText();

    [GeneratedRegex(@"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")]
    private static partial Regex PostcodeText();
}
