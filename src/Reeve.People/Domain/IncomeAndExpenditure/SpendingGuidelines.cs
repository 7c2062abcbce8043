using Reeve.Kernel;

namespace Reeve.People;

/// <summary>
/// Monthly spending guideline figures by category and household. The official SFS figures are licensed to member
/// organisations, so a council loads its own; <see cref="DemoExample"/> is invented for the demo council only and
/// must not be taken for the official figures.
/// </summary>
public sealed class SpendingGuidelines(IReadOnlyDictionary<string, (Money FirstAdult, Money EachOtherAdult, Money EachChild)> figures)
{
    public static SpendingGuidelines DemoExample { get; } = new(new Dictionary<string, (Money, Money, Money)>(StringComparer.Ordinal)
    {
        ["communicationsAndLeisure"] = (Money.FromPounds(95), Money.FromPounds(45), Money.FromPounds(35)),
        ["foodAndHousekeeping"] = (Money.FromPounds(340), Money.FromPounds(200), Money.FromPounds(150)),
        ["personalCosts"] = (Money.FromPounds(90), Money.FromPounds(60), Money.FromPounds(65)),
        ["travel"] = (Money.FromPounds(150), Money.FromPounds(100), Money.FromPounds(20)),
    });

    public IReadOnlyDictionary<string, (Money FirstAdult, Money EachOtherAdult, Money EachChild)> Figures => figures;

    /// <summary>The guideline for a category and household, or null where the category has none (rent, for example).</summary>
    public Money? For(string category, int adults, int children) =>
        figures.TryGetValue(category, out var f)
            ? f.FirstAdult + f.EachOtherAdult.Times(Math.Max(0, adults - 1)) + f.EachChild.Times(children)
            : null;
}
