#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Statements;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>One of the council's own bank accounts, into which payments are made and whose statements it imports.</summary>
public sealed record CouncilBankAccount(
    CouncilId Council, long BankAccountId, string Name, string? SortCode, string? AccountNumber, string? Iban, string Currency,
    LocalDate? OpenFrom, LocalDate? ClosedOn)
{
    public string Display => SortCode is { } sc ? $"{sc[..2]}-{sc[2..4]}-{sc[4..]} {AccountNumber}" + (Iban is { } i ? $" ({i})" : "") : Iban ?? "";

    /// <summary>Where a statement's entries for this account are known to be unique (bank_entry.scope).</summary>
    public string Scope => $"bank-account:{BankAccountId}";
}

/// <summary>
/// The council's bank accounts (issue 21): a camt.053 statement is taken only for an account recorded here, and
/// into the council that recorded it. An account is one council's: its number and IBAN are unique across councils.
/// </summary>
public static class CouncilBankAccounts
{
    public sealed record NewAccount(string Name, string? SortCode, string? AccountNumber, string? Iban, string Currency = "GBP", LocalDate? OpenFrom = null);

    public static async Task<Outcome<CouncilBankAccount>> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, NewAccount account, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(account.Name))
        {
            return new Outcome<CouncilBankAccount>.Invalid("name", "Give the account a name officers know it by");
        }

        string? sortCode = null, number = null;
        if (account.SortCode is not null || account.AccountNumber is not null)
        {
            if (!Domain.BankDetails.SortCode.TryParse(account.SortCode, out var sc, out var scError))
            {
                return new Outcome<CouncilBankAccount>.Invalid("sort code", scError);
            }

            if (!Domain.BankDetails.AccountNumber.TryParse(account.AccountNumber, out var an, out var anError))
            {
                return new Outcome<CouncilBankAccount>.Invalid("account number", anError);
            }

            (sortCode, number) = (sc.Digits, an.ToString());
        }

        var iban = Normalise(account.Iban);
        if (iban is not null && (iban.Length is < 15 or > 34 || !iban[..2].All(char.IsAsciiLetter) || !iban.All(char.IsAsciiLetterOrDigit)))
        {
            return new Outcome<CouncilBankAccount>.Invalid("IBAN", $"'{account.Iban}' is not an IBAN");
        }

        if (sortCode is null && iban is null)
        {
            return new Outcome<CouncilBankAccount>.Invalid("account", "Give the sort code and account number, or the IBAN");
        }

        // A GB IBAN holds the sort code and account number; recorded with both, they must be the same account.
        var fromIban = new CamtAccount(iban, null, null).UkNumber;
        if (fromIban is { } uk && sortCode is not null && (uk.SortCode, uk.AccountNumber) != (sortCode, number))
        {
            return new Outcome<CouncilBankAccount>.Invalid("IBAN", $"The IBAN {iban} is for {uk.SortCode} {uk.AccountNumber}, not {sortCode} {number}");
        }

        (sortCode, number) = sortCode is null && fromIban is { } derived ? (derived.SortCode, derived.AccountNumber) : (sortCode, number);
        if (await FindAsync(connection, tx, new CamtAccount(iban, sortCode is null ? null : sortCode + number, null)) is { } existing)
        {
            return new Outcome<CouncilBankAccount>.Conflict(existing.Council == council
                ? $"The account {existing.Display} is already recorded as '{existing.Name}'"
                : "The account is already recorded by another council");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "council_bank_account", 1);
        var currency = string.IsNullOrWhiteSpace(account.Currency) ? "GBP" : account.Currency.Trim().ToUpperInvariant();
        await connection.ExecuteAsync(
            "insert into council_bank_account (council_id, bank_account_id, name, sort_code, account_number, iban, currency, open_from, recorded_at, recorded_by) " +
            "values (@council, @id, @name, @sortCode, @number, @iban, @currency, @openFrom, @now, @officer)",
            new
            {
                council = council.Value, id, name = account.Name.Trim(), sortCode, number, iban, currency,
                openFrom = account.OpenFrom, now, officer,
            },
            tx);
        return new CouncilBankAccount(council, id, account.Name.Trim(), sortCode, number, iban, currency, account.OpenFrom, null);
    }

    public static async Task<IReadOnlyList<CouncilBankAccount>> ListAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council order by bank_account_id", new { council = council.Value }, tx))
        .Select(r => r.ToAccount()).ToList();

    /// <summary>The recorded account a statement is for, whichever council recorded it: by IBAN, else by sort code and account number.</summary>
    public static async Task<CouncilBankAccount?> FindAsync(DbConnection connection, DbTransaction? tx, CamtAccount account)
    {
        var iban = Normalise(account.Iban);
        var uk = account.UkNumber;
        var rows = await connection.QueryAsync<Row>(
            Row.Select + " where (@iban is not null and iban = @iban) or (@sortCode is not null and sort_code = @sortCode and account_number = @number)",
            new { iban, sortCode = uk?.SortCode, number = uk?.AccountNumber }, tx);
        return rows.Select(r => r.ToAccount()).OrderBy(a => a.Iban == iban ? 0 : 1).FirstOrDefault();
    }

    private static string? Normalise(string? iban) =>
        string.IsNullOrWhiteSpace(iban) ? null : iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private sealed class Row
    {
        public const string Select =
            "select council_id, bank_account_id, name, sort_code, account_number, iban, currency, open_from, closed_on from council_bank_account";

        public long council_id { get; set; }
        public long bank_account_id { get; set; }
        public string name { get; set; } = "";
        public string? sort_code { get; set; }
        public string? account_number { get; set; }
        public string? iban { get; set; }
        public string currency { get; set; } = "";
        public LocalDate? open_from { get; set; }
        public LocalDate? closed_on { get; set; }

        public CouncilBankAccount ToAccount() => new(
            new CouncilId((int)council_id), bank_account_id, name, sort_code, account_number, iban, currency,
            open_from, closed_on);
    }
}
