using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Web.Hosting;

/// <summary>
/// Before the app listens: bring the schema up to date. On an empty database, make the demo council (before
/// listening, or in the background behind <see cref="DemoSetup"/>'s holding page) and say how to sign in to it.
/// </summary>
internal static class DatabaseStartup
{
    /// <summary>Migrates; true when the database has no council yet, so the demo council is to be made.</summary>
    public static async Task<bool> MigrateAsync(ReeveDatabase db, TextWriter console, CancellationToken ct)
    {
        var migrations = await MigrationRunner.MigrateAsync(db, ct);
        if (migrations.Applied.Count > 0)
        {
            console.WriteLine($"Applied {migrations.Applied.Count} migration(s) to {db.Describe()}");
        }

        return await DemoCouncilBuilder.IsEmptyAsync(db, ct);
    }

    public static async Task MakeDemoAsync(
        ReeveDatabase db, IConfiguration configuration, IClock clock, TextWriter console, DemoSetup setup, CancellationToken ct)
    {
        var dwellings = configuration.GetValue("Reeve:DemoDwellings", DemoOptions.DefaultDwellings);
        var options = new DemoOptions(dwellings, DemoOptions.DefaultSeed, UkTime.Today(clock), configuration["Reeve:DemoOfficerPassword"]);
        console.WriteLine($"The database has no council yet: making the demo council with {dwellings:N0} dwellings...");
        var lastStage = "";
        var progress = new Progress<DemoProgress>(p =>
        {
            if (p.Stage != lastStage)
            {
                lastStage = p.Stage;
                console.WriteLine($"  {p.Stage}");
            }

            setup.Report(p.Stage, p.Done, p.Total);
        });
        var result = await DemoCouncilBuilder.CreateAsync(db, options, clock, progress, ct);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Demo council made: {result.Councils} council(s), {result.Dwellings:N0} dwellings, {result.People:N0} people, {result.Accounts:N0} accounts, {result.LedgerEntries:N0} ledger entries.");
        text.AppendLine("Sign in as one of these demo officers:");
        foreach (var officer in result.Officers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {officer.Username,-16} {officer.Role,-20} password: {officer.Password}");
        }

        console.Write(text.ToString());
        var folder = DatabaseSetting.DataFolder(db);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "demo-sign-in.txt");
        await File.WriteAllTextAsync(file, text.ToString(), ct);
        console.WriteLine($"(These sign-in details are also in {file}.)");
    }
}
