namespace Reeve.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
