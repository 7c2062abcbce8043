using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Recovery;

namespace Reeve.Web.Pages.Councils;

/// <summary>
/// "Set up &lt;council&gt;": the GOV.UK task list of what a council needs before it can go live, each marked Completed or
/// Not started from what its owner module holds (not from a checklist of its own).
/// </summary>
public sealed class SetUpModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    /// <summary>One task: its name, where it is done, whether it is done, and a hint.</summary>
    public sealed record SetUpTask(string Key, string Name, string Href, bool Completed, string? Hint = null);

    public IReadOnlyList<SetUpTask> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return NotFound();
        }

        var year = FinancialYear.Containing(UkTime.Today(Clock));
        var profile = await RecoverySettings.ProfileForAsync(connection, null, CouncilId, AccountKind.CouncilTax, year);
        Tasks =
        [
            new("details", "Council name and code", $"/councils/{Id}", true, $"{Council!.Name} ({Council.Code})"),
            new("letterhead", "Letterhead and contact details", $"/councils/{Id}/details", await CouncilLetterDetails.IsSetAsync(connection, null, CouncilId)),
            new("bank-accounts", "Bank accounts", $"/councils/{Id}/bank-accounts", (await CouncilBankAccounts.ListAsync(connection, null, CouncilId)).Count > 0),
            new("service-user-number", "Bacs service user number", $"/councils/{Id}/service-user-number", await Mandates.OriginatorAsync(connection, null, CouncilId) is not null),
            new("court", "Magistrates' court sessions", $"/councils/{Id}/courts", (await CourtSessions.ListAsync(connection, CouncilId)).Count > 0),
            new("recovery-profile", "Recovery profile", $"/councils/{Id}/recovery-profile", profile.Source != RecoverySettings.CouncilTaxDefaultSource, profile.Source),
            new("recovery-costs", "Recovery costs", $"/councils/{Id}/charges", (await RecoverySettings.CostsHistoryAsync(connection, null, CouncilId)).Count > 0),
            new("charges", $"Council tax charges for {year}", $"/councils/{Id}/council-tax-charges", (await ChargeSetting.BandDByAreaAsync(connection, null, CouncilId, year)).Count > 0),
        ];
        return Page();
    }
}
