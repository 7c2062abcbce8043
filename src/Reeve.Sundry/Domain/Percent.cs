using System.Globalization;

namespace Reeve.Sundry.Domain;

/// <summary>A percentage held exactly as hundredths of a per cent (basis points): "4.75" is 475, "5" is 500.</summary>
internal static class Percent
{
    public static bool TryParseBasisPoints(string? text, out int basisPoints)
    {
        basisPoints = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('.');
        if (parts.Length > 2 || parts[0].Length is 0 or > 3 || !parts[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > 2 || !fraction.All(char.IsAsciiDigit) || (parts.Length == 2 && fraction.Length == 0))
        {
            return false;
        }

        basisPoints = (int.Parse(parts[0], CultureInfo.InvariantCulture) * 100) + int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture);
        return true;
    }

    public static string Format(int basisPoints) =>
        (basisPoints / 100).ToString(CultureInfo.InvariantCulture) + "." + (basisPoints % 100).ToString("00", CultureInfo.InvariantCulture);
}
