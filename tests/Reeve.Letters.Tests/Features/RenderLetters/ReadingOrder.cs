namespace Reeve.Letters.Tests;

/// <summary>Checks that text read back from a PDF has each phrase, each after the one before.</summary>
internal static class ReadingOrder
{
    public static void ShouldReadInOrder(this string text, IEnumerable<string> phrases)
    {
        var at = 0;
        foreach (var phrase in phrases)
        {
            var found = text.IndexOf(phrase, at, StringComparison.Ordinal);
            found.ShouldBeGreaterThanOrEqualTo(0, $"'{phrase}' is missing or out of order after position {at} in:\n{text}");
            at = found + phrase.Length;
        }
    }
}
