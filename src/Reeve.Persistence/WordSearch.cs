using Dapper;

namespace Reeve.Persistence;

/// <summary>
/// The search an officer types: every word must appear somewhere in a lower-case search key. Wildcard
/// characters are dropped rather than honoured, so "%" finds nothing instead of everyone.
/// </summary>
public static class WordSearch
{
    /// <summary>SQL conditions joined with "and" (parameters @w0, @w1... added), or null when nothing usable was typed.</summary>
    public static string? Conditions(string text, string column, int maxWords, DynamicParameters parameters)
    {
        var words = text.ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal))
            .Where(w => w.Length > 0)
            .Take(maxWords)
            .ToList();
        if (words.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"w{i}", "%" + words[i] + "%");
        }

        return string.Join(" and ", words.Select((_, i) => $"{column} like @w{i}"));
    }
}
