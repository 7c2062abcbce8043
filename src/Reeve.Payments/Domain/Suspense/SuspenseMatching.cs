using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;

namespace Reeve.Payments.Domain.Suspense;

/// <summary>What is known of an unmatched credit, as it was received.</summary>
public sealed record UnmatchedCredit(Money Amount, string ReferenceText, string? PayerName);

/// <summary>A liable party's name on an account, as recorded.</summary>
public sealed record LiableName(string? Forenames, string? Surname, string DisplayName);

/// <summary>An account the shell found that might be the one meant, with what the suggestion rules look at.</summary>
public sealed record CandidateAccount(
    long AccountId,
    AccountReference Reference,
    IReadOnlyList<LiableName> Names,
    string? Postcode,
    IReadOnlyList<Money> InstalmentsDue);

/// <param name="Score">0 to 100: how strongly the evidence points at this account.</param>
/// <param name="Why">Each piece of evidence, as an officer reads it.</param>
public sealed record SuggestedMatch(long AccountId, AccountReference Reference, int Score, IReadOnlyList<string> Why);

/// <summary>
/// Scores the accounts an unmatched credit may belong to. The strongest evidence is a reference one slip away
/// from what was typed (a changed digit or a swapped pair that gives a valid check digit on a real account);
/// then a postcode in the reference text that is the property's; then the payer's name against the liable
/// parties' names; then an amount equal to an instalment due. No one piece decides: the officer does.
/// </summary>
public static class SuspenseMatching
{
    public const int TypoScore = 60;
    public const int PostcodeScore = 25;
    public const int SurnameScore = 20;
    public const int ForenameScore = 10;
    public const int InstalmentScore = 15;

    public static IReadOnlyList<SuggestedMatch> Suggest(UnmatchedCredit credit, IReadOnlyList<CandidateAccount> candidates)
    {
        var typed = PayerReference.Read(credit.ReferenceText) is ReferenceReading.NotFound notFound ? notFound.Candidates : [];
        var slips = typed.SelectMany(PayerReference.OneSlipAway).ToHashSet();
        var postcode = PayerReference.Postcode(credit.ReferenceText);
        var payerWords = Words(credit.PayerName ?? "").Concat(Words(credit.ReferenceText)).ToHashSet(StringComparer.Ordinal);

        var suggestions = new List<SuggestedMatch>();
        foreach (var candidate in candidates)
        {
            var score = 0;
            var why = new List<string>();
            if (slips.Contains(candidate.Reference))
            {
                score += TypoScore;
                why.Add($"reference {candidate.Reference} is one mistyped digit away from what was paid with");
            }

            if (postcode is not null && candidate.Postcode is { } p && Normalise(p) == Normalise(postcode))
            {
                score += PostcodeScore;
                why.Add($"postcode {postcode} is the property's");
            }

            if (NameEvidence(payerWords, candidate.Names) is { } name)
            {
                score += name.Score;
                why.Add(name.Why);
            }

            if (candidate.InstalmentsDue.Contains(credit.Amount))
            {
                score += InstalmentScore;
                why.Add($"{credit.Amount.ToDisplayString()} is an instalment due on the account");
            }

            if (score > 0)
            {
                suggestions.Add(new SuggestedMatch(candidate.AccountId, candidate.Reference, Math.Min(score, 100), why));
            }
        }

        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.Reference.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Upper-case words of letters only (initials included), for matching a payer's name against a liable party's.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        text.ToUpperInvariant().Split([' ', ',', '.', '/', '-', '&', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.All(char.IsAsciiLetter)).ToList();

    private static (int Score, string Why)? NameEvidence(HashSet<string> payerWords, IReadOnlyList<LiableName> names)
    {
        foreach (var name in names)
        {
            var surnameWords = Words(name.Surname ?? "");
            var surname = surnameWords.Count > 0 ? surnameWords[^1] : null;
            if (surname is null || surname.Length < 2 || !payerWords.Contains(surname))
            {
                continue;
            }

            var forenames = Words(name.Forenames ?? "");
            // A bank gives "J SMITH" or "SMITH JOHN": an initial or a forename, either way round.
            var initials = payerWords.Where(w => w.Length == 1).ToHashSet(StringComparer.Ordinal);
            var forenameMatches = forenames.Any(f => payerWords.Contains(f)) ||
                forenames.Any(f => initials.Contains(f[..1]));
            return forenameMatches
                ? (SurnameScore + ForenameScore, $"payer name matches {name.DisplayName}")
                : (SurnameScore, $"payer surname matches {name.DisplayName}");
        }

        return null;
    }

    private static string Normalise(string postcode) => postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
