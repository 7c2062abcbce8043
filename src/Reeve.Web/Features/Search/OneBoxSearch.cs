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
        IReadOnlyList<PartyReader.Match> People,
        IReadOnlyList<Property> Properties)
    {
        public bool FoundNothing => Account is null && People.Count == 0 && Properties.Count == 0;
    }

    public const int MaxQueryLength = FieldRules.SearchMax;

    public static async Task<Result> RunAsync(DbConnection connection, CouncilId council, string query)
    {
        var q = query.Trim();
        if (q.Length > MaxQueryLength)
        {
            return new Result(q, null, $"Search for {MaxQueryLength} characters or fewer", [], []);
        }

        var compact = q.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 9 && compact.All(char.IsAsciiDigit))
        {
            if (!AccountReference.TryParse(compact, out var reference, out var error))
            {
                return new Result(q, null, error, [], []);
            }

            if (await AccountStore.FindByReferenceAsync(connection, council, reference) is not null)
            {
                return new Result(q, reference, null, [], []);
            }

            return new Result(q, null, $"There is no account {reference} in this council", [], []);
        }

        var people = await PartyReader.SearchAsync(connection, council, q);
        var properties = await PropertyStore.SearchAsync(connection, council, q);
        return new Result(q, null, null, people, properties);
    }
}
