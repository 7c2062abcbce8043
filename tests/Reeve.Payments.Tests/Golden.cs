using System.Runtime.CompilerServices;

namespace Reeve.Payments.Tests;

/// <summary>
/// Approve/received golden files: the expected text lives in Golden/; on a mismatch the actual text is
/// written beside it as NAME.received so it can be compared, and approved by renaming it.
/// </summary>
internal static class Golden
{
    public static void ShouldMatch(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
        if (expected == actual)
        {
            return;
        }

        var sourceFolder = Path.Combine(FindProjectFolder(callerPath), "Golden");
        File.WriteAllText(Path.Combine(sourceFolder, name + ".received"), actual);
        actual.ShouldBe(expected, $"{name} differs; the output is in Golden/{name}.received");
    }

    private static string FindProjectFolder(string path)
    {
        var dir = Path.GetDirectoryName(path);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Reeve.Payments.Tests.csproj")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Test project folder not found");
    }
}
