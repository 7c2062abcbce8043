using System.Data.Common;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>One step of a bill's working: what was done, the amount it came to, and the law or figure it rests on.</summary>
public sealed record BillStep(string Step, Money Amount, string Source);

/// <summary>
/// A bill as its stream explains it to the person who must pay it: the year, the version in force, when it was issued,
/// what it charges, why it was (re)issued, the working step by step and the instalments it asks for.
/// </summary>
public sealed record ExplainedBill(
    FinancialYear Year,
    int Version,
    LocalDate IssuedOn,
    Money Net,
    string Reason,
    IReadOnlyList<BillStep> Working,
    IReadOnlyList<Instalment> Instalments);

/// <summary>
/// What a debt stream tells a front end that is not its own (the residents' portal) about an account's bills, so the
/// front end shows the stream's own working rather than a copy of its rules and never references the stream's module.
/// A stream implements this and its <c>Register()</c> adds it to <see cref="BillExplanations"/>.
/// </summary>
public interface IBillExplanations
{
    AccountKind Kind { get; }

    /// <summary>The bill in force for each year the account was billed, newest year first; reads only.</summary>
    Task<IReadOnlyList<ExplainedBill>> CurrentBillsAsync(DbConnection connection, CouncilId council, long accountId);
}

/// <summary>The bill explanations this process knows, one per account kind, registered at start-up like <see cref="DebtStreams"/>.</summary>
public static class BillExplanations
{
    private static readonly ByAccountKind<IBillExplanations> Explanations = new(e => e.Kind, "bill explanation");

    public static void Register(IBillExplanations explanations) => Explanations.Register(explanations);

    /// <summary>The account's current bills, or none when no stream explaining its kind is registered.</summary>
    public static async Task<IReadOnlyList<ExplainedBill>> CurrentBillsAsync(DbConnection connection, Account account) =>
        Explanations.Find(account.Kind) is { } explanations
            ? await explanations.CurrentBillsAsync(connection, account.Council, account.AccountId)
            : [];
}
