using System.Runtime.CompilerServices;

namespace Reeve.Letters.Tests;

/// <summary>
/// Golden files: the text a test produces must equal <c>Golden/{name}.approved.txt</c>. On a difference the
/// new text is written beside it as <c>.received.txt</c> to read and, if it is right, rename (or run with
/// REEVE_APPROVE=1 to accept every received file).
/// </summary>
public static class Approvals
{
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        var folder = Path.Combine(ProjectFolder(caller), "Golden");
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (File.Exists(approved) && File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal) == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("REEVE_APPROVE") == "1")
        {
            File.WriteAllText(approved, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"{name} differs from its approved golden file; compare {received} with {approved}.");
    }

    private static string ProjectFolder(string callerFile)
    {
        var folder = Path.GetDirectoryName(callerFile)!;
        while (!File.Exists(Path.Combine(folder, "Reeve.Letters.Tests.csproj")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("Cannot find the test project folder from " + callerFile);
        }

        return folder;
    }
}
