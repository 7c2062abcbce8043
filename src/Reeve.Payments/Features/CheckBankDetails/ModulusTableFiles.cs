using Reeve.Payments.Domain.Modulus;

namespace Reeve.Payments.Features.CheckBankDetails;

/// <summary>
/// Reads valacdos.txt and scsubtab.txt from a folder. Reeve ships a copy beside its binaries
/// (ReferenceData/); a council points this at the current files from its bank or Pay.UK (formats.md 4.4).
/// </summary>
public static class ModulusTableFiles
{
    public const string WeightTableFileName = "valacdos.txt";
    public const string SubstitutionTableFileName = "scsubtab.txt";

    /// <summary>The copy shipped with Reeve, in ReferenceData/ beside the running assembly.</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    private static readonly Lazy<ModulusWeightTable> ShippedTable = new(() => Load(ShippedFolder));

    /// <summary>The tables as shipped, read once for the life of the process (the web app's mandate form checks against them).</summary>
    public static ModulusWeightTable Shipped => ShippedTable.Value;

    public static ModulusWeightTable Load(string folder) =>
        ModulusWeightTable.Parse(
            File.ReadAllText(Path.Combine(folder, WeightTableFileName)),
            File.ReadAllText(Path.Combine(folder, SubstitutionTableFileName)));
}
