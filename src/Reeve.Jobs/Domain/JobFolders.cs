using System.Globalization;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Jobs;

/// <summary>
/// Where the jobs pick files up and put what they write: one folder per council under a root, each with the same
/// sub-folders. A file picked up is moved to done or failed beside the folder it came from, so it is imported once
/// and an officer can see what happened to it.
/// </summary>
public sealed class JobFolders(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// The jobs folder when none is set: <c>jobs</c> beside the SQLite file (so the demo's folders sit under the demo
    /// database's directory), or ./data/jobs for PostgreSQL.
    /// </summary>
    public static string DefaultRoot(ReeveDatabase db) => db.Provider == DatabaseProvider.Sqlite
        ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource)) ?? ".", "jobs")
        : Path.Combine(Directory.GetCurrentDirectory(), "data", "jobs");

    public string Council(CouncilId council) => Path.Combine(Root, "council-" + council.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>ARUDD, ADDACS and AUDDIS reports from Bacs, dropped here to be imported.</summary>
    public string BacsReports(CouncilId council) => Path.Combine(Council(council), "bacs-reports");

    /// <summary>camt.053 bank statements, dropped here to be imported.</summary>
    public string Statements(CouncilId council) => Path.Combine(Council(council), "statements");

    /// <summary>The AUDDIS lodgement and Standard 18 collection files the Direct Debit jobs write, to send to Bacs.</summary>
    public string DirectDebitOut(CouncilId council) => Path.Combine(Council(council), "direct-debit-out");

    /// <summary>The print files of the letter print runs, for the print supplier.</summary>
    public string Print(CouncilId council) => Path.Combine(Council(council), "print");

    public static string Done(string inbox) => Path.Combine(inbox, "done");

    public static string Failed(string inbox) => Path.Combine(inbox, "failed");
}
