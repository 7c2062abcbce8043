using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Payments.Features.CheckBankDetails;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// An account's Direct Debit: the mandate (bank details are personal data, so viewing them is audited), every
/// mandate the account has had, its Direct Debit timeline and its collections; officers who can change accounts
/// set up a mandate (modulus-checked) or cancel one (a 0C goes with the next AUDDIS file).
/// </summary>
public sealed class DirectDebitModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public Account? Account { get; private set; }

    public IReadOnlyList<Mandate> Mandates { get; private set; } = [];

    public IReadOnlyList<AccountEvent> History { get; private set; } = [];

    public IReadOnlyList<CollectionLine> Collections { get; private set; } = [];

    /// <summary>The collections set against the account's ledger: each one's payment there, and whether the two agree.</summary>
    public Reeve.Payments.Domain.DirectDebit.CollectionsAgainstLedger.Check? LedgerCheck { get; private set; }

    /// <summary>The Direct Debit letters asked for on the account (advance notices, ended, unpaid, collected again), newest first.</summary>
    public IReadOnlyList<Reeve.Letters.QueuedLetter> Letters { get; private set; } = [];

    public Mandate? Live => Mandates.FirstOrDefault(m => m.IsLive);

    /// <summary>The payer already pays under a paper instruction the bank holds: convert it (AUDDIS 0S) rather than lodge a new one.</summary>
    [BindProperty]
    public bool PaperInstruction { get; set; }

    [BindProperty]
    public string? PayerName { get; set; }

    [BindProperty]
    public string? SortCode { get; set; }

    [BindProperty]
    public string? AccountNumber { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, Account!.Reference.Value, "Direct Debit mandate and collections viewed");
        return Page();
    }

    public async Task<IActionResult> OnPostSetUpAsync(string reference, CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await Reeve.Payments.Mandates.SetUpAsync(connection, tx, User.CouncilId(), ModulusTableFiles.Shipped,
            new Reeve.Payments.Mandates.SetUp(Account!.AccountId, PayerName, SortCode, AccountNumber, UkTime.Today(clock), User.OfficerUsername(), PaperInstruction),
            clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<Mandate>.Done { Value: var mandate }:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Account.Reference.Value,
                    $"Direct Debit {mandate.Reference} set up");
                await tx.CommitAsync(ct);
                Notice = PaperInstruction
                    ? $"Direct Debit {mandate.Reference} set up: the paper instruction will be converted (0S) in the next AUDDIS file"
                    : $"Direct Debit {mandate.Reference} set up: it will be lodged with the bank in the next AUDDIS file";
                return Redirect($"/accounts/{Account.Reference.Value}/direct-debit");
            case Outcome<Mandate>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                break;
            case Outcome<Mandate>.Conflict conflict:
                ModelState.AddModelError("payerName", conflict.Message);
                break;
            default:
                return NotFound();
        }

        await tx.RollbackAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string reference, long mandateId, CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        if (!await LoadAsync(reference, ct) || Mandates.All(m => m.MandateId != mandateId))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await Reeve.Payments.Mandates.EndAsync(connection, tx, User.CouncilId(), mandateId, MandateStatus.Cancelled, "cancelled by the council at the payer's request",
            UkTime.Today(clock), tellTheBank: true, User.OfficerUsername(), "Direct Debit scheme: the payer may cancel at any time", clock.GetCurrentInstant());
        if (outcome is Outcome<Mandate>.Done { Value: var ended })
        {
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Account!.Reference.Value,
                $"Direct Debit {ended.Reference} cancelled");
            await tx.CommitAsync(ct);
            Notice = $"Direct Debit {ended.Reference} cancelled: the bank will be told in the next AUDDIS file";
        }
        else
        {
            await tx.RollbackAsync(ct);
            Notice = outcome is Outcome<Mandate>.Conflict c ? c.Message : "The Direct Debit could not be cancelled";
        }

        return Redirect($"/accounts/{Account!.Reference.Value}/direct-debit");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return false;
        }

        var council = User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        Account = await AccountStore.FindByReferenceAsync(connection, council, parsed);
        if (Account is null)
        {
            return false;
        }

        Mandates = await Reeve.Payments.Mandates.ForAccountAsync(connection, null, council, Account.AccountId);
        History = (await AccountEvents.ForAccountAsync(connection, council, Account.AccountId))
            .Where(e => e.Kind.StartsWith("direct-debit", StringComparison.Ordinal) || (e.Kind == DirectDebitEvents.LetterDue && e.Summary.StartsWith("dd-", StringComparison.Ordinal)))
            .ToList();
        Collections = await AccountCollections.ForAccountAsync(connection, council, Account.AccountId);
        LedgerCheck = Reeve.Payments.Domain.DirectDebit.CollectionsAgainstLedger.Compare(
            Collections, await ReadAccountLedger.EntriesAsync(connection, council, Account.AccountId));
        Letters = await DirectDebitLetters.ForAccountAsync(connection, council, Account.AccountId);
        return true;
    }
}
