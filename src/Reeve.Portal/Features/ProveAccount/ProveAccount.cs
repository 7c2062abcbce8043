using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Portal.Domain;
using Reeve.Portal.Features.SignIn;
using Reeve.Properties;

namespace Reeve.Portal.Features.ProveAccount;

/// <summary>What a resident types to prove an account: its reference, the property's postcode, the last bill's amount.</summary>
public sealed record ProofAnswers(string? Reference, string? Postcode, string? Amount);

/// <summary>
/// Checks a resident's proof of an account against the owners' records: the account (Ledger), its property's postcode
/// (Properties) and its last bill (the stream's <see cref="IBillExplanations"/>). A blank or unreadable answer is a form
/// error; anything else that fails is one refusal that names no detail and counts toward the lockout, as does every
/// attempt while locked. The caller commits the transaction whatever the outcome, so refusals are kept.
/// </summary>
public static class ProveAccount
{
    public static async Task<Outcome<Account>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, ProofAnswers answers, string address, Instant now)
    {
        if (string.IsNullOrWhiteSpace(answers.Reference))
        {
            return new Outcome<Account>.Invalid("reference", "Enter your account reference");
        }

        if (string.IsNullOrWhiteSpace(answers.Postcode))
        {
            return new Outcome<Account>.Invalid("postcode", "Enter the postcode of the property the bill is for");
        }

        if (string.IsNullOrWhiteSpace(answers.Amount))
        {
            return new Outcome<Account>.Invalid("amount", "Enter the amount of your last bill");
        }

        if (!Proof.TryAmount(answers.Amount, out var amount))
        {
            return new Outcome<Account>.Invalid("amount", "Enter the amount of your last bill in pounds and pence, like 1234.56");
        }

        var typed = new string(answers.Reference.Where(char.IsAsciiDigit).ToArray());
        var subject = EmailAddress.Subject("ref", typed);
        if (await SignInAttempts.LockedAsync(connection, tx, council, subject, address, now))
        {
            await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Proof, subject, address, refused: true, now);
            return new Outcome<Account>.Conflict(SignInLimits.LockedOut);
        }

        var account = AccountReference.TryParse(answers.Reference, out var reference, out _)
            ? await AccountStore.FindByReferenceAsync(connection, council, reference)
            : null;
        var matched = account is not null && Proof.Matches(
            account.Uprn is { } uprn ? (await PropertyStore.GetAsync(connection, council, uprn, tx))?.Postcode : null,
            await BillExplanations.CurrentBillsAsync(connection, account),
            answers.Postcode,
            amount);
        await SignInAttempts.RecordAsync(connection, tx, council, SignInStep.Proof, subject, address, refused: !matched, now);
        return matched ? account! : new Outcome<Account>.Invalid("proof", Proof.Refused);
    }
}
