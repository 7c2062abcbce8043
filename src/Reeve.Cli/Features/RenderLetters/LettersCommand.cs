using System.CommandLine;
using System.Data.Common;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Cli.Features.RenderLetters;

/// <summary>`reeve letters`: render one account's letter, or print a run's letters for the print supplier.</summary>
internal static class LettersCommand
{
    public static Command Create(CliHost host) =>
        new("letters", "Notices as the council sends them: one account's letter as a PDF, or a run's print files")
        {
            RenderCommand.Create(host),
            PrintLetters.PrintCommand.Create(host),
            SendLetters.SendCommand.Create(host),
        };

    public static Option<int> Council() =>
        CliOptions.WholeNumber("--council", "The council's number (needed when more than one council has what you asked for)", 0, minimum: 1);

    /// <summary>
    /// The council to work in: the one given, else the only council that has what was asked for (an account
    /// reference or a run number, which each council numbers for itself).
    /// </summary>
    public static async Task<(CouncilId? Id, string? Problem)> ChooseCouncilAsync(
        ReeveDatabase db, int? given, Func<DbConnection, Task<IReadOnlyList<CouncilId>>> holdersOf, string what, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var councils = (await CouncilStore.AllAsync(connection)).Select(c => c.Id.Value).ToList();
        if (given is { } id)
        {
            return councils.Contains(id) ? (new CouncilId(id), null) : (null, $"--council: there is no council {id} in {db.Describe()}");
        }

        var holders = (await holdersOf(connection)).Select(c => c.Value).Distinct().Order().ToList();
        return holders switch
        {
            [var only] => (new CouncilId(only), null),
            [] => (null, null),
            _ => (null, $"--council: councils {string.Join(" and ", holders)} both have {what}; say which with --council"),
        };
    }
}
