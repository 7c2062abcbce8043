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
