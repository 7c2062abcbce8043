using System.Data.Common;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// The one check every module makes before it adds a fee or cost to an account or asks its holder to pay: is a
/// Breathing Space (<c>breathing-space</c>) or mental health crisis (<c>mental-health-crisis</c>) hold in force on the
/// day? If so the action is refused, nothing is posted or queued, and the refusal is logged on the account's timeline
/// as a <c>refused-breathing-space</c> event naming what was refused and the regulation, so an officer sees what
/// Reeve did not do and why.
/// </summary>
public static class Moratoriums
{
    public const string RefusedKind = "refused-breathing-space";

    // SI 2020/1311 reg 7: during a moratorium a creditor may not add interest, fees, penalties or charges to a
    // moratorium debt, nor take any step to enforce it; reg 11(1): nor contact the debtor to demand payment of it.
    public const string Regulation = "SI 2020/1311 reg 7 (no interest, fees, charges or enforcement during a moratorium) and reg 11(1) (no demand for payment)";

    private static readonly HoldReason[] Reasons = [HoldReason.BreathingSpace, HoldReason.MentalHealthCrisis];

    /// <summary>The moratorium hold in force on the account on the day, or null.</summary>
    public static async Task<AccountHold?> InForceAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long accountId, LocalDate day) =>
        (await InForceAsync(connection, tx, council, [accountId], day)).GetValueOrDefault(accountId);

    /// <summary>Of the given accounts, those under a moratorium hold on the day, each with its hold.</summary>
    public static async Task<IReadOnlyDictionary<long, AccountHold>> InForceAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyCollection<long> accountIds, LocalDate day)
    {
        var held = new Dictionary<long, AccountHold>();
        foreach (var hold in await AccountHolds.InForceOnAsync(connection, tx, council, accountIds, day, Reasons))
        {
            held.TryAdd(hold.AccountId, hold);
        }

        return held;
    }

    /// <summary>
    /// Logs a refused action on the account's timeline in the caller's transaction: <paramref name="refused"/> says what
    /// was not done ("Reminder for 2025/26", "Summons costs of £70.00").
    /// </summary>
    public static Task RecordRefusalAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountHold hold, LocalDate day, string refused, string officer, Instant now) =>
        AccountEvents.RecordAsync(connection, tx, council, hold.AccountId, now, day, RefusedKind,
            $"Refused: {refused}. The account is in a {hold.Reason.Describe()} (hold from {hold.From:uuuu-MM-dd}" +
            (hold.To is { } to ? $" to {to:uuuu-MM-dd}" : "") + "): no fees, costs or payment demands on the debt until it ends",
            officer, Regulation);

    /// <summary>The refusal an officer or caller is told, in the same words as the timeline.</summary>
    public static string RefusalMessage(AccountHold hold, string refused) =>
        $"{RefusalPrefix}{refused}. This account is in a {hold.Reason.Describe()}" +
        (hold.To is { } to ? $" until {to:uuuu-MM-dd}" : "") + $", so no fee, cost or payment demand may be made on its debt ({Regulation}). The refusal is on the account's timeline.";

    /// <summary>Whether a conflict message is a moratorium refusal (already logged), rather than a fault.</summary>
    public static bool IsRefusal(string message) => message.StartsWith(RefusalPrefix, StringComparison.Ordinal);

    private const string RefusalPrefix = "Refused: ";

}
