#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>
/// What a council's notices say about it: its name (from the council record), and the letterhead, contact
/// details and bank account it sets for its letters. Until a council sets them its notices still go out with
/// its name, and say plainly where a detail is missing rather than inventing one.
/// </summary>
public static class CouncilLetterDetails
{
    public const string NotSet = "(not set)";

    /// <summary>GOV.UK blue, until the council sets its own colour.</summary>
    public const string DefaultColour = "#1d70b8";

    public static async Task SetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, CouncilDetails details, Instant now)
    {
        await connection.ExecuteAsync(
            "insert into letter_council (council_id, address_lines, telephone, website, email, brand_colour, bank_sort_code, bank_account_number, updated_at) " +
            "values (@council, @lines, @telephone, @website, @email, @colour, @sortCode, @accountNumber, @now) " +
            "on conflict (council_id) do update set address_lines = @lines, telephone = @telephone, website = @website, email = @email, " +
            "brand_colour = @colour, bank_sort_code = @sortCode, bank_account_number = @accountNumber, updated_at = @now",
            new
            {
                council = council.Value, lines = string.Join('\n', details.AddressLines), telephone = details.Telephone, website = details.Website,
                email = details.Email, colour = details.BrandColour, sortCode = details.BankSortCode, accountNumber = details.BankAccountNumber,
                now,
            },
            tx);
    }

    /// <summary>What an administrator sets on the council's set-up task list: letterhead address and how to reach the council.</summary>
    public sealed record Contact(IReadOnlyList<string> AddressLines, string? Telephone, string? Email, string? Website, string? OpeningHours);

    public const int MaxLine = 100;

    /// <summary>
    /// Sets the letterhead address and contact details (issue 17), keeping the colour and payment-slip bank details the
    /// council set before. Refusals name the field; nothing is saved then.
    /// </summary>
    public static async Task<Outcome<CouncilDetails>> SetContactAsync(DbConnection connection, DbTransaction tx, CouncilId council, Contact contact, Instant now)
    {
        var lines = contact.AddressLines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        (string Field, string Message)? problem =
            lines.Count == 0 ? ("addressLines", "Enter the letterhead address, one line each")
            : lines.Count > 6 || lines.Any(l => l.Length > MaxLine) ? ("addressLines", $"Enter at most 6 lines of up to {MaxLine} characters")
            : string.IsNullOrWhiteSpace(contact.Telephone) || contact.Telephone.Trim().Length > 30 || !contact.Telephone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+')
                ? ("telephone", "Enter a telephone number, like 01632 960000")
            : string.IsNullOrWhiteSpace(contact.Email) || contact.Email.Trim().Length > 254 || contact.Email.Trim().Count(c => c == '@') != 1 || contact.Email.Trim().Any(char.IsWhiteSpace)
                ? ("email", "Enter an email address in the right format, like revenues@example.gov.uk")
            : string.IsNullOrWhiteSpace(contact.Website) || contact.Website.Trim().Length > MaxLine || contact.Website.Trim().Any(char.IsWhiteSpace)
                ? ("website", "Enter the council's web address, like www.example.gov.uk")
            : (contact.OpeningHours?.Trim().Length ?? 0) > 200 ? ("openingHours", "Enter opening hours of up to 200 characters")
            : null;
        if (problem is { } p)
        {
            return new Outcome<CouncilDetails>.Invalid(p.Field, p.Message);
        }

        var before = await GetAsync(connection, tx, council);
        if (before is null)
        {
            return new Outcome<CouncilDetails>.NotFound($"council {council.Value}");
        }

        var details = before with
        {
            AddressLines = lines, Telephone = contact.Telephone!.Trim(), Email = contact.Email!.Trim(), Website = contact.Website!.Trim(),
        };
        await SetAsync(connection, tx, council, details, now);
        await connection.ExecuteAsync(
            "update letter_council set opening_hours = @hours where council_id = @council",
            new { council = council.Value, hours = string.IsNullOrWhiteSpace(contact.OpeningHours) ? null : contact.OpeningHours.Trim() }, tx);
        return details;
    }

    /// <summary>The opening hours the council set, or null.</summary>
    public static Task<string?> OpeningHoursAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        connection.ExecuteScalarAsync<string?>("select opening_hours from letter_council where council_id = @council", new { council = council.Value }, tx);

    /// <summary>Whether the council has set its letterhead at all (its set-up task list shows it as done).</summary>
    public static async Task<bool> IsSetAsync(DbConnection connection, DbTransaction? tx, CouncilId council) =>
        await connection.ExecuteScalarAsync<int>("select count(*) from letter_council where council_id = @council", new { council = council.Value }, tx) > 0;

    /// <summary>The council's details for its letters, or null when there is no such council.</summary>
    public static async Task<CouncilDetails?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council)
    {
        var name = await CouncilStore.NameAsync(connection, council, tx);
        if (name is null)
        {
            return null;
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "select address_lines, telephone, website, email, brand_colour, bank_sort_code, bank_account_number from letter_council where council_id = @council",
            new { council = council.Value }, tx);
        return row is null
            ? new CouncilDetails(name, [], NotSet, NotSet, NotSet, DefaultColour, NotSet, NotSet)
            : new CouncilDetails(name, row.address_lines.Split('\n', StringSplitOptions.RemoveEmptyEntries), row.telephone, row.website, row.email,
                row.brand_colour, row.bank_sort_code, row.bank_account_number);
    }

    private sealed class Row
    {
        public string address_lines { get; set; } = "";
        public string telephone { get; set; } = "";
        public string website { get; set; } = "";
        public string email { get; set; } = "";
        public string brand_colour { get; set; } = "";
        public string bank_sort_code { get; set; } = "";
        public string bank_account_number { get; set; } = "";
    }
}
