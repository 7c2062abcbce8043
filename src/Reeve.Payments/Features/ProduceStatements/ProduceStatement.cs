using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.AccountStatements;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>Reads an account's ledger and makes its statement for a period (<see cref="AccountStatement"/>).</summary>
public static class ProduceStatement
{
    public static async Task<Outcome<AccountStatement>> ProduceAsync(
        ReeveDatabase db, CouncilId council, string accountReference, LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        if (!AccountReference.TryParse(accountReference, out var reference, out var error))
        {
            return new Outcome<AccountStatement>.Invalid("account", error);
        }

        if (to < from)
        {
            return new Outcome<AccountStatement>.Invalid("to", "The end of the period must be on or after its start");
        }

        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
        if (account is null)
        {
            return new Outcome<AccountStatement>.NotFound($"account {reference}");
        }

        var entries = await ReadAccountLedger.EntriesAsync(connection, council, account.AccountId);
        return AccountStatement.Build(reference, new DateInterval(from, to), entries);
    }
}
