using Reeve.Payments.Domain.Modulus;
using Reeve.Payments.Features.CheckBankDetails;

namespace Reeve.Web.Features.Refunds;

/// <summary>The Vocalink modulus tables shipped beside the app, read once on first use.</summary>
public static class ModulusTables
{
    private static readonly Lazy<ModulusWeightTable> Loaded = new(() => ModulusTableFiles.Load(ModulusTableFiles.ShippedFolder));

    public static ModulusWeightTable Shipped => Loaded.Value;
}
