using Reeve.Kernel;

namespace Reeve.Properties;

/// <summary>UK postcodes in their published shape (outward code, space, inward code): the rule is Kernel's <see cref="FieldRules"/>.</summary>
public static class Postcodes
{
    public static bool IsValid(string? postcode) => FieldRules.IsPostcode(postcode);

    public static string Normalise(string postcode) => FieldRules.NormalisePostcode(postcode);
}
