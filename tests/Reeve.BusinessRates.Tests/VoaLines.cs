namespace Reeve.BusinessRates.Tests;

/// <summary>Builds VOA list entries records (shared/formats.md 6.1): 28 asterisk-separated fields and a trailing asterisk.</summary>
internal static class VoaLines
{
    public static string Line(
        int n, string baReference, string rv, string effective = "01-APR-2023", string baCode = "0435", string uarn = "123456789",
        string address = "1, HIGH STREET, WEALDMOOR, WD1 1AA", string descriptionCode = "CS", string description = "SHOP AND PREMISES") =>
        string.Join('*', [
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), baCode, "", baReference, descriptionCode, description, uarn, address,
            "", "1", "HIGH STREET", "WEALDMOOR", "", "", "WD1 1AA", effective, "", rv, "", "10000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            effective, "249S", "", "", "", "", effective, "",
        ]) + "*";

    public static string File(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
