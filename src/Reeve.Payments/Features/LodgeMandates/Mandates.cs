#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.DirectDebit;
using Reeve.Payments.Domain.Modulus;
using Reeve.Payments.Features.CheckBankDetails;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>A Direct Debit instruction on an account (see 0011_direct_debit.sql for the statuses).</summary>
public sealed record Mandate(
    long MandateId,
    long AccountId,
    string PayerName,
    SortCode SortCode,
    AccountNumber AccountNumber,
    string Reference,
    string Status,
    string? StatusReason,
    LocalDate SignedOn,
    LocalDate? LodgedOn,
    LocalDate? CancelledOn,
    LocalDate? BankDetailsChangedOn,
    Instant CreatedAt,
    string CreatedBy)
{
    public bool IsLive => Status is MandateStatus.Pending or MandateStatus.Lodged or MandateStatus.Active or MandateStatus.Suspended;
}

public static class MandateStatus
{
    public const string Pending = "pending";
    public const string Lodged = "lodged";
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
}

/// <summary>
/// Account event kinds this module writes. <see cref="LetterDue"/> is how a letter is asked for until the
/// letters module reads it: its summary starts with the letter type code and a colon
/// ("dd-cancelled: ..."), so a letters run can pick the events up and say what it sent.
/// </summary>
public static class DirectDebitEvents
{
    public const string MandateSetUp = "direct-debit-mandate";
    public const string Lodged = "direct-debit-lodged";
    public const string Cancelled = "direct-debit-cancelled";
    public const string Rejected = "direct-debit-rejected";
    public const string BankDetailsChanged = "direct-debit-bank-details";
    public const string Review = "direct-debit-review";
    public const string Returned = "direct-debit-returned";

    /// <summary>A Direct Debit came back unpaid and will not be presented again: recovery picks this up.</summary>
    public const string Unpaid = "direct-debit-unpaid";

    public const string LetterDue = "letter-due";

    public static class Letters
    {
        public const string Cancelled = "dd-cancelled";
        public const string Rejected = "dd-rejected";
        public const string RePresentation = "dd-re-presentation";
        public const string Unpaid = "dd-unpaid";
    }
}

/// <summary>The council as a Bacs service user, and how long after lodgement a first collection may be processed.</summary>
public sealed record DirectDebitOriginator(ServiceUser ServiceUser, int LodgementLeadWorkingDays);

/// <summary>Setting up, reading and ending mandates. Each change writes the account's timeline in the caller's transaction.</summary>
public static class Mandates
{
    /// <param name="ExistingPaperInstruction">
    /// The payer already pays under a paper (pre-AUDDIS) instruction the bank holds: it is converted with a 0S, not
    /// lodged as new with a 0N, and its next collection is a regular one (formats.md 1.7).
    /// </param>
    public sealed record SetUp(
        long AccountId, string? PayerName, string? SortCode, string? AccountNumber, LocalDate SignedOn, string Officer, bool ExistingPaperInstruction = false);

    public static async Task<DirectDebitOriginator?> OriginatorAsync(DbConnection connection, DbTransaction? tx, CouncilId council)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Sun, string Sort, string Account, string Name, int Lead)>(
            "select service_user_number, sort_code, account_number, name, lodgement_lead_working_days from dd_originator where council_id = @council",
            new { council = council.Value }, tx);
        return row.Sun is null
            ? null
            : new DirectDebitOriginator(new ServiceUser(row.Sun, SortCode.Parse(row.Sort), AccountNumber.Parse(row.Account), row.Name), row.Lead);
    }

    public static async Task SetOriginatorAsync(DbConnection connection, DbTransaction tx, CouncilId council, DirectDebitOriginator originator)
    {
        var s = originator.ServiceUser;
        var args = new
        {
            council = council.Value, sun = s.ServiceUserNumber, sort = s.SortCode.Digits, account = s.AccountNumber.Digits, name = s.Name,
            lead = originator.LodgementLeadWorkingDays,
        };
        if (await connection.ExecuteAsync(
                "update dd_originator set service_user_number = @sun, sort_code = @sort, account_number = @account, name = @name, lodgement_lead_working_days = @lead where council_id = @council",
                args, tx) == 0)
        {
            await connection.ExecuteAsync(
                "insert into dd_originator (council_id, service_user_number, sort_code, account_number, name, lodgement_lead_working_days) values (@council, @sun, @sort, @account, @name, @lead)",
                args, tx);
        }
    }

    /// <summary>
    /// A new mandate from the payer's details: the name must be writable in Bacs and the bank details must pass
    /// the modulus check (formats.md 4). It waits for lodgement (0N), and the account now pays by Direct Debit.
    /// </summary>
    public static async Task<Outcome<Mandate>> SetUpAsync(DbConnection connection, DbTransaction tx, CouncilId council, ModulusWeightTable table, SetUp request, Instant now)
    {
        var payerName = (request.PayerName ?? "").Trim();
        if (payerName.Length == 0)
        {
            return new Outcome<Mandate>.Invalid("payerName", "Enter the name of the account holder");
        }

        if (payerName.Length > 60 || BacsText.FirstDisallowed(BacsText.Name(payerName, 60)) is not null)
        {
            return new Outcome<Mandate>.Invalid("payerName", "The account holder's name can only have letters, numbers, spaces, full stops, hyphens, slashes, ampersands and apostrophes");
        }

        var checkedBank = CheckBankDetails.Check(table, request.SortCode, request.AccountNumber);
        if (checkedBank is Outcome<CheckBankDetails.CheckedBankDetails>.Invalid invalid)
        {
            return new Outcome<Mandate>.Invalid(invalid.Field, invalid.Message);
        }

        var bank = ((Outcome<CheckBankDetails.CheckedBankDetails>.Done)checkedBank).Value;
        var account = await AccountStore.GetAsync(connection, council, request.AccountId, tx);
        if (account is null)
        {
            return new Outcome<Mandate>.NotFound($"account {request.AccountId}");
        }

        if (account.ClosedOn is { } closed)
        {
            return new Outcome<Mandate>.Conflict($"The account closed on {closed:d MMMM yyyy}: a Direct Debit cannot be set up on it");
        }

        var existing = await ForAccountAsync(connection, tx, council, account.AccountId);
        if (existing.FirstOrDefault(m => m.IsLive) is { } live)
        {
            return new Outcome<Mandate>.Conflict($"The account already has a Direct Debit ({live.Reference}, {live.Status}): cancel it before setting up another");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "dd_mandate", 1);
        var reference = MandateReference.For(account.Kind, account.Reference, existing.Count);
        await connection.ExecuteAsync(
            "insert into dd_mandate (council_id, mandate_id, account_id, payer_name, sort_code, account_number, reference, status, signed_on, created_at, created_by, version) " +
            "values (@council, @id, @accountId, @payerName, @sort, @number, @reference, 'pending', @signedOn, @now, @officer, 1)",
            new
            {
                council = council.Value, id, accountId = account.AccountId, payerName, sort = bank.SortCode.Digits, number = bank.AccountNumber.Digits,
                reference, signedOn = request.SignedOn, now, officer = request.Officer,
            },
            tx);
        var instruction = request.ExistingPaperInstruction ? TransactionCode.ConvertInstruction : TransactionCode.NewInstruction;
        await AddInstructionAsync(connection, tx, council, id, instruction, now);
        await MovePaymentMethodAsync(connection, tx, council, account, "direct-debit", request.SignedOn, request.Officer, now);
        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, request.SignedOn, DirectDebitEvents.MandateSetUp,
            $"Direct Debit set up: {reference}, {payerName}, sort code {Show(bank.SortCode)}, account ending {bank.AccountNumber.Digits[^4..]}; " +
            (request.ExistingPaperInstruction ? "the paper instruction to be converted by AUDDIS (0S)" : "to be lodged by AUDDIS (0N)"),
            request.Officer, "Bacs Direct Debit scheme: instruction lodged by AUDDIS");
        return (await GetAsync(connection, tx, council, id))!;
    }

    /// <summary>
    /// Ends a mandate. An officer's cancellation of a lodged mandate tells the bank with a 0C; one the bank
    /// ended (ADDACS, AUDDIS rejection) needs none. The account moves to paying by other means, and a letter
    /// is asked for so the payer knows how to pay now.
    /// </summary>
    public static async Task<Outcome<Mandate>> EndAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long mandateId, string status, string reason, LocalDate effective,
        bool tellTheBank, string officer, string sourceRule, Instant now)
    {
        var mandate = await GetAsync(connection, tx, council, mandateId);
        if (mandate is null)
        {
            return new Outcome<Mandate>.NotFound($"mandate {mandateId}");
        }

        if (!mandate.IsLive)
        {
            return new Outcome<Mandate>.Conflict($"The Direct Debit {mandate.Reference} is already {mandate.Status}");
        }

        await connection.ExecuteAsync(
            "update dd_mandate set status = @status, status_reason = @reason, cancelled_on = @effective, version = version + 1 where council_id = @council and mandate_id = @mandateId",
            new { council = council.Value, mandateId, status, reason, effective }, tx);
        if (tellTheBank && mandate.Status is not MandateStatus.Pending)
        {
            await AddInstructionAsync(connection, tx, council, mandateId, TransactionCode.CancelInstruction, now);
        }

        var account = (await AccountStore.GetAsync(connection, council, mandate.AccountId, tx))!;
        if (account.PaymentMethod == "direct-debit")
        {
            await MovePaymentMethodAsync(connection, tx, council, account, "cash", effective, officer, now);
        }

        var rejected = status == MandateStatus.Rejected;
        await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, effective,
            rejected ? DirectDebitEvents.Rejected : DirectDebitEvents.Cancelled,
            $"Direct Debit {mandate.Reference} {(rejected ? "rejected" : "cancelled")}: {reason}. The account now pays by other means", officer, sourceRule);
        await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, effective, DirectDebitEvents.LetterDue,
            $"{(rejected ? DirectDebitEvents.Letters.Rejected : DirectDebitEvents.Letters.Cancelled)}: tell the payer the Direct Debit {mandate.Reference} has ended ({reason}) and how to pay the instalments now",
            officer, sourceRule);
        if (!rejected)
        {
            await DirectDebitLetters.CancelledAsync(connection, tx, council, mandate,
                tellTheBank ? $"We cancelled it: {reason}" : $"Your bank told us it has been cancelled ({reason})", now);
        }

        await WithdrawRePresentationsAsync(connection, tx, council, mandate, effective, officer, now);
        return (await GetAsync(connection, tx, council, mandateId))!;
    }

    /// <summary>
    /// A returned debit waiting for its one re-presentation is never presented under a mandate that has ended
    /// (formats.md 3: a cancelled instruction may not be collected on): it becomes unpaid, for recovery.
    /// </summary>
    private static async Task WithdrawRePresentationsAsync(DbConnection connection, DbTransaction tx, CouncilId council, Mandate mandate, LocalDate effective, string officer, Instant now)
    {
        var waiting = (await connection.QueryAsync<(long CollectionId, long Pence)>(
            "select collection_id, amount_pence from dd_collection where council_id = @council and mandate_id = @mandateId and status = 'represent-due'",
            new { council = council.Value, mandateId = mandate.MandateId }, tx)).ToList();
        foreach (var (collectionId, pence) in waiting)
        {
            await connection.ExecuteAsync("update dd_collection set status = 'unpaid' where council_id = @council and collection_id = @collectionId",
                new { council = council.Value, collectionId }, tx);
            await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, effective, DirectDebitEvents.Unpaid,
                $"Direct Debit of {Money.FromPence(pence).ToDisplayString()} ({mandate.Reference}) will not be presented again: the Direct Debit has ended",
                officer, "Bacs: no collection under a cancelled instruction");
        }
    }

    public static async Task<Mandate?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long mandateId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and mandate_id = @mandateId",
            new { council = council.Value, mandateId }, tx))?.ToMandate();

    public static async Task<IReadOnlyList<Mandate>> ForAccountAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and account_id = @accountId order by mandate_id desc",
            new { council = council.Value, accountId }, tx)).Select(r => r.ToMandate()).ToList();

    /// <summary>The mandate a Bacs advice names by its reference: the live one first, else the newest.</summary>
    public static async Task<Mandate?> ByReferenceAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string reference) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and reference = @reference order by mandate_id desc",
            new { council = council.Value, reference = reference.Trim().ToUpperInvariant() }, tx)).Select(r => r.ToMandate())
        .OrderBy(m => m.IsLive ? 0 : 1).FirstOrDefault();

    public static string Show(SortCode sortCode) => $"{sortCode.Digits[..2]}-{sortCode.Digits[2..4]}-{sortCode.Digits[4..]}";

    internal static async Task AddInstructionAsync(DbConnection connection, DbTransaction tx, CouncilId council, long mandateId, TransactionCode code, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "dd_instruction", 1);
        await connection.ExecuteAsync(
            "insert into dd_instruction (council_id, instruction_id, mandate_id, code, created_at) values (@council, @id, @mandateId, @code, @now)",
            new { council = council.Value, id, mandateId, code = code.Code(), now }, tx);
    }

    private static async Task MovePaymentMethodAsync(DbConnection connection, DbTransaction tx, CouncilId council, Account account, string method, LocalDate effective, string officer, Instant now)
    {
        if (account.PaymentMethod == method)
        {
            return;
        }

        // The account was read in this transaction, so its version is the one in force.
        if (await AccountStore.ChangePaymentMethodAsync(connection, tx, council, account.AccountId, account.Version, method) is not Outcome<Account>.Done)
        {
            throw new InvalidOperationException($"The payment method of account {account.Reference} could not be changed to {method}");
        }

        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, effective, "payment-method-changed",
            $"Payment method changed from {account.PaymentMethod} to {method}", officer, null);
    }

    private sealed class Row
    {
        public const string Select =
            "select mandate_id, account_id, payer_name, sort_code, account_number, reference, status, status_reason, signed_on, lodged_on, cancelled_on, " +
            "bank_details_changed_on, created_at, created_by from dd_mandate";

        public long mandate_id { get; set; }
        public long account_id { get; set; }
        public string payer_name { get; set; } = "";
        public string sort_code { get; set; } = "";
        public string account_number { get; set; } = "";
        public string reference { get; set; } = "";
        public string status { get; set; } = "";
        public string? status_reason { get; set; }
        public LocalDate signed_on { get; set; }
        public LocalDate? lodged_on { get; set; }
        public LocalDate? cancelled_on { get; set; }
        public LocalDate? bank_details_changed_on { get; set; }
        public Instant created_at { get; set; }
        public string created_by { get; set; } = "";

        public Mandate ToMandate() => new(mandate_id, account_id, payer_name, SortCode.Parse(sort_code), AccountNumber.Parse(account_number),
            reference, status, status_reason, signed_on, lodged_on, cancelled_on, bank_details_changed_on,
            created_at, created_by);
    }
}
