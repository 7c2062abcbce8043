using NodaTime;
using Reeve.Persistence;

namespace Reeve.DemoCouncil;

/// <summary>
/// Creates a realistic, fictional council (a shared service of two) on an empty database: dwellings in
/// a realistic band mix, the people liable for them, moves, discounts, three years of charges, payments
/// and arrears, and one officer per role. The same seed and date always make the same council.
/// </summary>
public static class DemoCouncilBuilder
{
    public static Task<bool> IsEmptyAsync(ReeveDatabase db, CancellationToken ct = default) => throw new NotImplementedException();

    public static Task<DemoResult> CreateAsync(ReeveDatabase db, DemoOptions options, IClock clock, IProgress<DemoProgress>? progress = null, CancellationToken ct = default)
        => throw new NotImplementedException();
}
