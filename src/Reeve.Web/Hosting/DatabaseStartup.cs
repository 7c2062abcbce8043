using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Web.Hosting;

/// <summary>
/// Before the app listens: bring the schema up to date and, on an empty database, make the demo council
/// and say how to sign in to it.
/// </summary>
internal static class DatabaseStartup
{
    public static async Task PrepareAsync(ReeveDatabase db, IConfiguration configuration, IClock clock, TextWriter console, CancellationToken ct)
    {
        var migrations = await MigrationRunner.MigrateAsync(db, ct);
        if (migrations.Applied.Count > 0)
        {
            console.WriteLine($"Applied {migrations.Applied.Count} migration(s) to {db.Describe()}");
        }

        if (!await DemoCouncilBuilder.IsEmptyAsync(db, ct))
        {
            return;
        }

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
