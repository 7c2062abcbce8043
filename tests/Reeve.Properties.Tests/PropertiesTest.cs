using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Properties.Tests;

/// <summary>Property reads and writes the tests repeat, each in its own connection as a handler would make them.</summary>
public abstract class PropertiesTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    /// <summary>A band D dwelling; a test that relies on any other value sets it with <c>with</c>.</summary>
    protected static NewProperty Dwelling(long uprn, string line1, string postcode) =>
        new(Council, uprn, line1, Line2: null, Line3: null, Town: "Anytown", postcode, PropertyKind.Domestic, Band: 'D');

    protected Task<Outcome<Property>> AddAsync(NewProperty property) =>
        InTransactionAsync((connection, tx) => PropertyStore.AddAsync(connection, tx, property, Now));

    protected async Task<Property> AddDwellingAsync(long uprn, string line1, string postcode) =>
        (await AddAsync(Dwelling(uprn, line1, postcode))).ShouldBeOfType<Outcome<Property>.Done>().Value;

    protected Task<Property?> GetAsync(long uprn, CouncilId? council = null) =>
        ReadAsync(connection => PropertyStore.GetAsync(connection, council ?? Council, uprn));

    protected Task<IReadOnlyList<Property>> SearchAsync(string text, CouncilId? council = null) =>
        ReadAsync(connection => PropertyStore.SearchAsync(connection, council ?? Council, text));
}
