using Reeve.Persistence;

namespace Reeve.Web.Hosting;

/// <summary>
/// Where the data lives: REEVE_DB (a SQLite path, a PostgreSQL connection string or postgres:// URL), else
/// ConnectionStrings:Reeve with Reeve:DatabaseProvider (Sqlite or Postgres), else ./data/reeve.db.
/// </summary>
internal static class DatabaseSetting
{
    public static ReeveDatabase Open(IConfiguration configuration)
    {
        if (configuration["REEVE_DB"] is { Length: > 0 } setting)
        {
            return ReeveDatabase.FromSetting(setting);
        }

        if (configuration.GetConnectionString("Reeve") is { Length: > 0 } connectionString)
        {
            var provider = configuration["Reeve:DatabaseProvider"];
            return string.Equals(provider, nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase)
                ? ReeveDatabase.Postgres(connectionString)
                : ReeveDatabase.FromSetting(connectionString);
        }

        return ReeveDatabase.Sqlite(Path.Combine(Directory.GetCurrentDirectory(), "data", "reeve.db"));
    }

    /// <summary>The folder beside the SQLite file, or ./data for PostgreSQL: where demo sign-in details are written.</summary>
    public static string DataFolder(ReeveDatabase db)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
            return Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "data");
    }
}
