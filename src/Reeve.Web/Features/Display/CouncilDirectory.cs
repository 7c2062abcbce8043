using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Features.Display;

/// <summary>Council names for the header and the council switcher, read once: councils are set up rarely.</summary>
public sealed class CouncilDirectory(ReeveDatabase db)
{
    private IReadOnlyList<Council>? _councils;

    public async Task<IReadOnlyList<Council>> AllAsync()
    {
        if (_councils is { Count: > 0 } known)
        {
            return known;
        }

        await using var connection = await db.OpenAsync();
        _councils = await CouncilStore.AllAsync(connection);
        return _councils;
    }

    public async Task<string> NameAsync(CouncilId id) =>
        (await AllAsync()).FirstOrDefault(c => c.Id == id)?.Name ?? $"Council {id}";
}
