using System.Data.Common;
using System.Globalization;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>
/// One module's answer to "what do you hold on this person?" for a subject access pack (UK GDPR Art 15). Each module
/// that keeps personal data implements it over its own tables and the composition root registers it; the pack asks
/// every registered source and never reads another module's tables (decision 0062).
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The module that owns the tables read, named in the pack's README.</summary>
    string Module { get; }

    Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject);
}

/// <summary>The person asked about, by party id, and the accounts they are or were party to (from Ledger).</summary>
public sealed record PersonalDataSubject(CouncilId Council, long PartyId, IReadOnlyList<long> AccountIds);

/// <summary>One CSV file of the pack: its name (e.g. "payments/direct-debit-mandates.csv"), header and rows as shown.</summary>
public sealed record PersonalDataFile(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>How a column's value is shown in the pack.</summary>
public enum Shown
{
    Text,
    Date,
    Instant,
    Money,
    YesNo,
}

/// <summary>A column of a personal data file: its heading, the (lower-case) column of the select, and how it is shown.</summary>
public sealed record PersonalDataColumn(string Header, string Column, Shown As = Shown.Text);

/// <summary>
/// Reads one personal data file with a select over the module's own tables, showing dates as "9 March 2026", times in
/// UK time and money as "£1,234.56" on either engine. The select may use <c>@council</c>, <c>@party</c> and
/// <c>{accounts}</c> where "account_id is one of the person's accounts" goes, and <c>{keys}</c> for "is one of
/// <paramref name="keys"/>" (text the module worked out, e.g. hashes).
/// </summary>
public static class PersonalDataQuery
{
    public static Task<PersonalDataFile> ReadAsync(
        DbConnection connection, DbTransaction tx, PersonalDataSubject subject, string name, string sql, params PersonalDataColumn[] columns) =>
        ReadAsync(connection, tx, subject, [], name, sql, columns);

    public static async Task<PersonalDataFile> ReadAsync(
        DbConnection connection, DbTransaction tx, PersonalDataSubject subject, IReadOnlyList<string> keys, string name, string sql,
        params PersonalDataColumn[] columns)
    {
        DapperSetup.Ensure();
        var statement = sql.Replace("{accounts}", SqlLists.AnyOf(connection, "accounts"), StringComparison.Ordinal)
            .Replace("{keys}", SqlLists.AnyOf(connection, "keys"), StringComparison.Ordinal);
        var rows = await connection.QueryAsync(statement, new
        {
            council = subject.Council.Value, party = subject.PartyId, accounts = subject.AccountIds.Distinct().ToArray(), keys = keys.Distinct().ToArray(),
        }, tx);
        var shown = rows.Cast<IDictionary<string, object?>>()
            .Select(row => (IReadOnlyList<string>)columns.Select(c => Show(row[c.Column], c.As)).ToList())
            .ToList();
        return new PersonalDataFile(name, columns.Select(c => c.Header).ToList(), shown);
    }

    private static string Show(object? value, Shown how) => value is null or DBNull ? "" : how switch
    {
        Shown.Date => DateText.FormatLong(DapperSetup.ReadDate(value)),
        Shown.Instant => UkTime.Describe(DapperSetup.ReadInstant(value)),
        Shown.Money => DapperSetup.ReadMoney(value).ToDisplayString(),
        Shown.YesNo => value is true || (value is not bool && Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0) ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
