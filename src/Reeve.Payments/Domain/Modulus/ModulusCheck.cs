using System.Globalization;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Domain.Modulus;

public enum ModulusVerdict
{
    /// <summary>The checks for the sort code passed.</summary>
    Valid,

    /// <summary>The checks failed: the details are certainly wrong.</summary>
    Invalid,

    /// <summary>The details cannot be checked (no row for the sort code, or an exception 6 foreign-currency account), so they cannot be invalidated.</summary>
    NotCheckable,
}

public sealed record ModulusResult(ModulusVerdict Verdict, string Explanation)
{
    /// <summary>Whether the details may be used: only a failed check stops them (formats.md 4.1 step 2).</summary>
    public bool Passes => Verdict != ModulusVerdict.Invalid;
}

/// <summary>
/// UK modulus checking, straight from the Vocalink document "Validating account numbers" (formats.md 4.1):
/// the 14 digits u v w x y z a b c d e f g h are the sort code then the account number; each valacdos row
/// for the sort code is a MOD10, MOD11 or double-alternate check, and exceptions 1 to 14 adjust them.
/// </summary>
public static class ModulusCheck
{
    // Positions in the 14 digits.
    private const int A = 6, B = 7, G = 12, H = 13;

    // Exception 2: alternative weights for Lloyds accounts whose a is not 0.
    private static readonly int[] ExceptionTwoWeights = [0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1];
    private static readonly int[] ExceptionTwoWeightsWhenGIsNine = [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1];

    private const int ExceptionEightSortCode = 090126;
    private const int ExceptionNineSortCode = 309634;

    public static ModulusResult Check(ModulusWeightTable table, SortCode sortCode, AccountNumber accountNumber)
    {
        var sort = int.Parse(sortCode.Digits, CultureInfo.InvariantCulture);
        var rows = table.RowsFor(sort);
        if (rows.Count == 0)
        {
            return new(ModulusVerdict.NotCheckable, "The sort code has no modulus check, so the account number cannot be checked");
        }

        var account = accountNumber.Digits.Select(c => c - '0').ToArray();
        var first = rows[0];
        var second = rows.Count > 1 ? rows[1] : null;

        // Exception 6: if a is 4 to 8 and g equals h, a foreign currency account that cannot be checked.
        if (first.Exception == 6 && account[0] is >= 4 and <= 8 && account[6] == account[7])
        {
            return new(ModulusVerdict.NotCheckable, "Exception 6: a foreign currency account, which cannot be checked");
        }

        // Exception 8: check with sort code 090126. Exception 5: check with the scsubtab substitute, if any.
        var checkSort = first.Exception switch
        {
            8 => ExceptionEightSortCode,
            5 => table.SubstituteFor(sort),
            _ => sort,
        };

        var firstPasses = Passes(first, Digits(checkSort, account));

        if (first.Exception == 14)
        {
            // Exception 14: if the check fails and h is 0, 1 or 9, drop h, shift the account number right
            // (a leading 0) and check again; any other h is invalid.
            if (firstPasses)
            {
                return Valid("Exception 14: the first check passed");
            }

            if (account[7] is not (0 or 1 or 9))
            {
                return Invalid("Exception 14: the check failed and h is not 0, 1 or 9");
            }

            int[] shifted = [0, .. account[..7]];
            return Passes(first, Digits(checkSort, shifted))
                ? Valid("Exception 14: the check passed with h removed")
                : Invalid("Exception 14: the check failed with and without h");
        }

        if (second is null)
        {
            return firstPasses ? Valid("The check passed") : Invalid("The check failed");
        }

        // Exceptions 2 and 9: if the first check passes no more is needed; otherwise check again as sort code 309634.
        if (first.Exception == 2 && second.Exception == 9)
        {
            if (firstPasses)
            {
                return Valid("Exception 2: the first check passed");
            }

            return Passes(second, Digits(ExceptionNineSortCode, account))
                ? Valid("Exception 9: the check passed with sort code 309634")
                : Invalid("Exceptions 2 and 9: both checks failed");
        }

        // Exception 3: if c is 6 or 9 the double alternate (second) check is not carried out.
        if (second.Exception == 3 && account[2] is 6 or 9)
        {
            return firstPasses
                ? Valid("Exception 3: the first check passed; c is 6 or 9, so there is no second check")
                : Invalid("Exception 3: the first check failed");
        }

        var secondPasses = Passes(second, Digits(checkSort, account));

        // Exceptions 10 and 11, 12 and 13: the account is valid if either check passes.
        if ((first.Exception == 10 && second.Exception == 11) || (first.Exception == 12 && second.Exception == 13))
        {
            return firstPasses || secondPasses
                ? Valid($"Exceptions {first.Exception} and {second.Exception}: at least one check passed")
                : Invalid($"Exceptions {first.Exception} and {second.Exception}: both checks failed");
        }

        // Otherwise both checks must pass (formats.md 4.1 step 4).
        return (firstPasses, secondPasses) switch
        {
            (true, true) => Valid("Both checks passed"),
            (false, true) => Invalid("The first check failed"),
            (true, false) => Invalid("The second check failed"),
            (false, false) => Invalid("Both checks failed"),
        };
    }

    private static ModulusResult Valid(string why) => new(ModulusVerdict.Valid, why);

    private static ModulusResult Invalid(string why) => new(ModulusVerdict.Invalid, why);

    private static int[] Digits(int sortCode, int[] account)
    {
        var digits = new int[14];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = sortCode % 10;
            sortCode /= 10;
        }

        account.CopyTo(digits, 6);
        return digits;
    }

    private static bool Passes(ModulusWeightRow row, int[] d)
    {
        var weights = WeightsFor(row, d);
        switch (row.Method)
        {
            case ModulusMethod.Mod10:
                return WeightedSum(weights, d) % 10 == 0;

            case ModulusMethod.Mod11:
                var remainder = WeightedSum(weights, d) % 11;
                return row.Exception switch
                {
                    // Exception 4: the remainder must equal gh.
                    4 => remainder == (d[G] * 10) + d[H],

                    // Exception 5 (first check): g is a check digit. Remainder 0 needs g = 0, remainder 1 is invalid, otherwise 11 - remainder = g.
                    5 => remainder switch
                    {
                        0 => d[G] == 0,
                        1 => false,
                        _ => 11 - remainder == d[G],
                    },
                    _ => remainder == 0,
                };

            case ModulusMethod.DoubleAlternate:
                var total = 0;
                for (var i = 0; i < 14; i++)
                {
                    var product = weights[i] * d[i];
                    total += (product / 10) + (product % 10);
                }

                // Exception 1: add 27 to the total.
                if (row.Exception == 1)
                {
                    total += 27;
                }

                // Exception 5 (second check): h is a check digit. Remainder 0 needs h = 0, otherwise 10 - remainder = h.
                return row.Exception == 5
                    ? (total % 10 == 0 ? d[H] == 0 : 10 - (total % 10) == d[H])
                    : total % 10 == 0;

            default:
                throw new InvalidOperationException($"Unknown modulus method {row.Method}");
        }
    }

    private static int[] WeightsFor(ModulusWeightRow row, int[] d)
    {
        var weights = row.Weights.ToArray();
        switch (row.Exception)
        {
            // Exception 2: where a is not 0, substitute weights (another set when g is 9).
            case 2 when d[A] != 0:
                return d[G] == 9 ? [.. ExceptionTwoWeightsWhenGIsNine] : [.. ExceptionTwoWeights];

            // Exception 7: where g is 9, zeroise the weights u to b.
            case 7 when d[G] == 9:
                Array.Clear(weights, 0, 8);
                break;

            // Exception 10: where ab is 09 or 99 and g is 9, zeroise the weights u to b.
            case 10 when (d[A] == 0 || d[A] == 9) && d[B] == 9 && d[G] == 9:
                Array.Clear(weights, 0, 8);
                break;
        }

        return weights;
    }

    private static int WeightedSum(int[] weights, int[] d)
    {
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            sum += weights[i] * d[i];
        }

        return sum;
    }
}
