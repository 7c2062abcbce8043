using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>The year's bill as a PDF, laid out by Letters' renderer from the stream's bill notice, as the council would print it today.</summary>
public sealed class BillPdfModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock)
{
    public async Task<IActionResult> OnGetAsync(string reference, int year, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (await FindAsync(connection, reference) is not { } account
            || !(await BillExplanations.CurrentBillsAsync(connection, account)).Any(b => b.Year.StartYear == year)
            || await OneOffLetters.PreviewAsync(connection, account.Council, account.AccountId, LetterType.DemandNotice, Today, yearStarting: year)
                is not Outcome<LetterPreview>.Done { Value.Letter.Pdf: { } pdf })
        {
            return NotFoundPage();
        }

        await AuditAsync(connection, null, AuditTrail.Actions.View, account, $"bill for {new FinancialYear(year)} as a PDF");
        return File(pdf, "application/pdf", $"{account.Reference.Value}-bill-{year}.pdf");
    }
}
