using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Officers.Tests;

/// <summary>Officer reads and writes the tests repeat, each in its own connection as a handler would make them.</summary>
public abstract class OfficersTest(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected Task<int> CreateOfficerAsync(string username, string password, Role role = Role.Officer, IReadOnlyList<CouncilId>? councils = null) =>
        InTransactionAsync((connection, tx) => OfficerStore.CreateAsync(
            connection, tx, username, "Test Officer", role, Council, councils ?? [], password, Now));

    protected const string TestAddress = "192.0.2.10";

    protected Task<OfficerStore.SignInResult> SignInAsync(string username, string password, string from = TestAddress) =>
        ReadAsync(connection => OfficerStore.SignInAsync(connection, username, password, from, Now));
}
