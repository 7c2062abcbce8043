using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>
/// Typed values at the persistence edge (Npgsql.NodaTime does not restore here): on PostgreSQL a LocalDate is a
/// date and an Instant a timestamptz; on SQLite both are ISO text, which sorts in date order. Money is its pence in
/// a bigint on both. The handlers registered here let rows and parameters carry LocalDate, Instant and Money (and
/// their nullable forms) directly: Npgsql hands back DateTime for a date and a timestamptz (DateOnly when asked),
/// and numeric for a sum of bigints; SQLite hands back text and 64-bit integers. Row classes must be read through
/// settable properties (a parameterless constructor): Dapper matches a constructor by the column's own type and
/// never consults a type handler there.
/// <para>
/// Enums are not mapped here: Dapper reads an enum property with its own Enum.Parse of the member name before it
/// looks for a handler (DapperLib/Dapper issue 259), while Reeve stores each enum as a code ("breathing-space").
/// Rows keep such a column as a string and the module turns it into its enum with its FromCode; parameters pass
/// <c>Code()</c>.
/// </para>
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
        SqlMapper.AddTypeHandler(new MoneyHandler());
    }

    internal static LocalDate ReadDate(object value) => value switch
    {
        DateOnly d => LocalDate.FromDateOnly(d),
        DateTime dt => LocalDate.FromDateTime(dt),
        DateTimeOffset dto => LocalDate.FromDateTime(dto.DateTime),
        string s => LocalDatePattern.Iso.Parse(s).Value,
        _ => throw new DataException($"Cannot read a date from {value.GetType().Name}"),
    };

    internal static Instant ReadInstant(object value) => value switch
    {
        DateTime dt => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => Instant.FromDateTimeOffset(dto),
        string s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow(),
        _ => throw new DataException($"Cannot read an instant from {value.GetType().Name}"),
    };

    internal static Money ReadMoney(object value) => value switch
    {
        long l => Money.FromPence(l),
        int i => Money.FromPence(i),
        decimal d when decimal.Truncate(d) == d => Money.FromPence((long)d),
        double d when Math.Truncate(d) == d => Money.FromPence((long)d),
        _ => throw new DataException($"Cannot read whole pence from {value.GetType().Name} {value}"),
    };

    private sealed class MoneyHandler : SqlMapper.TypeHandler<Money>
    {
        public override void SetValue(IDbDataParameter parameter, Money value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value.Pence;
        }

        public override Money Parse(object value) => ReadMoney(value);
    }

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
