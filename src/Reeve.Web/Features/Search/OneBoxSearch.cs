using System.Data.Common;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Web.Features.Search;

/// <summary>
/// The one search box: nine digits are an account reference and go straight to the account (a wrong
/// check digit is said plainly); anything else finds people by any name they have had and properties
/// by address, postcode or UPRN.
/// </summary>
public static class OneBoxSearch
{
    public sealed record Result(
        string Query,
        AccountReference? Account,
        string? Problem,
        ResultPage<PartyReader.Match> People,
        ResultPage<Property> Properties)
    {
        public bool FoundNothing => Account is null && People.Total == 0 && Properties.Total == 0;
    }

    public const int MaxQueryLength = FieldRules.SearchMax;

    /// <summary>Rows on one page of results, for people and for properties alike.</summary>
    public const int PageSize = 25;

    /// <summary>
    /// Runs the search; <paramref name="peoplePage"/> and <paramref name="propertiesPage"/> choose which page
    /// of each list to show, each list counted in full.
    /// </summary>
    public static async Task<Result> RunAsync(DbConnection connection, CouncilId council, string query, int peoplePage = 1, int propertiesPage = 1)
    {
        var q = query.Trim();
        ResultPage<PartyReader.Match> noPeople = ResultPage.Empty<PartyReader.Match>(PageSize);
        ResultPage<Property> noProperties = ResultPage.Empty<Property>(PageSize);
        if (q.Length > MaxQueryLength)
        {
            return new Result(q, null, $"Search for {MaxQueryLength} characters or fewer", noPeople, noProperties);
        }

        var compact = q.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 9 && compact.All(char.IsAsciiDigit))
        {
            if (!AccountReference.TryParse(compact, out var reference, out var error))
            {
                return new Result(q, null, error, noPeople, noProperties);
            }

            if (await AccountStore.FindByReferenceAsync(connection, council, reference) is not null)
            {
                return new Result(q, reference, null, noPeople, noProperties);
            }

            return new Result(q, null, $"There is no account {reference} in this council", noPeople, noProperties);
        }

        var people = await PartyReader.SearchPageAsync(connection, council, q, peoplePage, PageSize);
        var properties = await PropertyStore.SearchPageAsync(connection, council, q, propertiesPage, PageSize);
        return new Result(q, null, null, people, properties);
    }
}
