using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Reeve.Persistence;

/// <summary>
/// NodaTime at the persistence edge (Npgsql.NodaTime does not restore here): on PostgreSQL a LocalDate is a
/// date and an Instant a timestamptz; on SQLite both are ISO text, which sorts in date order.
/// </summary>
public static class DapperSetup
{
    private static int _done;

    public static void Ensure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new LocalDateHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
    }

    public static object ToDb(LocalDate date, bool postgres) =>
        postgres ? date.ToDateOnly() : LocalDatePattern.Iso.Format(date);

    public static object ToDb(Instant instant, bool postgres) =>
        postgres ? instant.ToDateTimeUtc() : InstantPattern.ExtendedIso.Format(instant);

    public static LocalDate ReadDate(object value) => value switch
    {
        DateOnly d => LocalDate.FromDateOnly(d),
        DateTime dt => LocalDate.FromDateTime(dt),
        string s => LocalDatePattern.Iso.Parse(s).Value,
        _ => throw new DataException($"Cannot read a date from {value.GetType().Name}"),
    };

    public static Instant ReadInstant(object value) => value switch
    {
        DateTime dt => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => Instant.FromDateTimeOffset(dto),
        string s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow(),
        _ => throw new DataException($"Cannot read an instant from {value.GetType().Name}"),
    };

    private sealed class LocalDateHandler : SqlMapper.TypeHandler<LocalDate>
    {
        public override void SetValue(IDbDataParameter parameter, LocalDate value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = LocalDatePattern.Iso.Format(value);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateOnly();
            }
        }

        public override LocalDate Parse(object value) => ReadDate(value);
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<Instant>
    {
        public override void SetValue(IDbDataParameter parameter, Instant value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = InstantPattern.ExtendedIso.Format(value);
            }
            else if (parameter is Npgsql.NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
                npgsql.Value = value.ToDateTimeUtc();
            }
            else
            {
                parameter.Value = value.ToDateTimeUtc();
            }
        }

        public override Instant Parse(object value) => ReadInstant(value);
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
