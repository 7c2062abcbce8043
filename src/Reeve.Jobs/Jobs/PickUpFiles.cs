using Reeve.Kernel;

namespace Reeve.Jobs;

/// <summary>How one picked-up file fared: imported (or imported before), or refused with the reason.</summary>
internal sealed record FileFate(bool Refused, string Said);

/// <summary>
/// Picks up the files dropped in a council's folder, oldest name first, and imports each through the existing import
/// handler, which is idempotent: a file imported before is recognised by its content and posts nothing. Each file is
/// moved to done or to failed (with a note of why beside it) only after its import has committed, so a crash between
/// the two leaves the file in place and the next run imports nothing twice and moves it.
/// </summary>
internal static class PickUpFiles
{
    public static async Task<(string? Line, bool Refused)> FromAsync(string inbox, Func<string, byte[], Task<FileFate>> import, string what, CancellationToken ct)
    {
        if (!Directory.Exists(inbox))
        {
            Directory.CreateDirectory(inbox);
            return (null, false);
        }

        var files = Directory.GetFiles(inbox).Where(f => !f.EndsWith(".part", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return (null, false);
        }

        var said = new List<string>();
        var refused = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            var fate = await import(name, await File.ReadAllBytesAsync(file, ct));
            var to = fate.Refused ? JobFolders.Failed(inbox) : JobFolders.Done(inbox);
            Directory.CreateDirectory(to);
            var target = Unused(Path.Combine(to, name));
            File.Move(file, target);
            if (fate.Refused)
            {
                refused++;
                await File.WriteAllTextAsync(target + ".why.txt", fate.Said + Environment.NewLine, ct);
            }

            said.Add($"{name}: {fate.Said}");
        }

        var head = $"{Councils.Plural(files.Count, what, what + "s")} picked up" + (refused > 0 ? $", {refused} refused (moved to failed)" : "") + ". ";
        return (head + string.Join(" ", said), refused > 0);
    }

    // A file of the same name picked up before keeps its place: the new one gets a number.
    private static string Unused(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-{n}{Path.GetExtension(path)}");
        }

        return candidate;
    }
}
