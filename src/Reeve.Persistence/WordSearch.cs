using Dapper;

namespace Reeve.Persistence;

/// <summary>
/// The search an officer types: every word must appear somewhere in a lower-case search key. Wildcard
/// characters are dropped rather than honoured, so "%" finds nothing instead of everyone.
/// </summary>
public static class WordSearch
{
    /// <summary>SQL conditions joined with "and" (parameters @w0, @w1... added), or null when nothing usable was typed.</summary>
    public static string? Conditions(string text, string column, int maxWords, DynamicParameters parameters) =>
        EachWord(text, maxWords, parameters, word => $"{column} like {word}");

    /// <summary>
    /// One condition per word typed, joined with "and": <paramref name="condition"/> is given the parameter
    /// name holding "%word%" and returns the SQL that must hold for it (for example "the word is in a name
    /// or in an address"). Null when nothing usable was typed.
    /// </summary>
    public static string? EachWord(string text, int maxWords, DynamicParameters parameters, Func<string, string> condition)
    {
        var words = Words(text, maxWords);
        if (words.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"w{i}", "%" + words[i] + "%");
        }

        return string.Join(" and ", words.Select((_, i) => "(" + condition($"@w{i}") + ")"));
    }

    private static List<string> Words(string text, int maxWords) =>
        text.ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal))
            .Where(w => w.Length > 0)
            .Take(maxWords)
            .ToList();
}
