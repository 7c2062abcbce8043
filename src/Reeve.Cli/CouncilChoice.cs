using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Cli;

/// <summary>
/// Which council a command works in: the one given with --council, else the only council in the database.
/// In a shared service the officer must say which.
/// </summary>
internal static class CouncilChoice
{
    public static async Task<(CouncilId? Id, string? Problem)> ChooseAsync(ReeveDatabase db, int? given, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var councils = (await CouncilStore.AllAsync(connection)).Select(c => c.Id.Value).ToList();
        return given switch
        {
            { } id when councils.Contains(id) => (new CouncilId(id), null),
            { } id => (null, $"--council: there is no council {id} in {db.Describe()}"),
            null when councils.Count == 1 => (new CouncilId(councils[0]), null),
            null when councils.Count == 0 => (null, $"--council: {db.Describe()} has no council; run 'reeve db migrate' and set one up first"),
            null => (null, $"--council: {db.Describe()} holds councils {string.Join(", ", councils)}; say which with --council"),
        };
    }
}
