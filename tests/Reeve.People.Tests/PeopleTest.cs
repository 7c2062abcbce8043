using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.People.Tests;

/// <summary>People reads and writes the tests repeat, each in its own connection as a handler would make them.</summary>
public abstract class PeopleTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    /// <summary>A person with no contacts and no address; a test that relies on those records them itself.</summary>
    protected static RecordParty.Request Person(string forenames, string surname, CouncilId? council = null) => new(
        council ?? Council,
        PartyKind.Person,
        NameParts.Person(title: null, forenames, surname),
        DateOfBirth: null,
        KnownFrom: new LocalDate(2025, 4, 1),
        Contacts: [],
        Address: null);

    protected Task<Outcome<long>> RecordAsync(RecordParty.Request request) =>
        InTransactionAsync((connection, tx) => RecordParty.RecordAsync(connection, tx, request, "test-officer", Now));

    protected async Task<long> RecordPersonAsync(string forenames, string surname, CouncilId? council = null) =>
        (await RecordAsync(Person(forenames, surname, council))).ShouldBeOfType<Outcome<long>.Done>().Value;

    protected Task<Outcome<int>> ChangeNameAsync(long partyId, int expectedVersion, NameParts name, string reason = "Marriage") =>
        InTransactionAsync((connection, tx) => PartyNames.ChangeAsync(
            connection, tx, Council, partyId, expectedVersion, name, new LocalDate(2025, 6, 1), reason, "test-officer", Now));

    protected Task<Party?> GetAsync(long partyId, CouncilId? council = null) =>
        ReadAsync(connection => PartyReader.GetAsync(connection, council ?? Council, partyId));

    protected Task<IReadOnlyList<PartyReader.Match>> SearchAsync(string text, CouncilId? council = null) =>
        ReadAsync(connection => PartyReader.SearchAsync(connection, council ?? Council, text));

    protected Task<long> CountAsync(string table) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>($"select count(*) from {table}"));
}
