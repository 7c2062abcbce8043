using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>
/// The costs the council asks the court for (at summons, and when it makes the liability order), as rows effective from
/// a date with how each figure was worked out, saved by Recovery's <see cref="RecoverySettings.SetCostsAsync"/> for the
/// council in the address. A later row takes over from its date; the earlier rows stay as the record of what applied.
/// </summary>
public sealed class ChargesModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    public static IReadOnlyList<Choice> Kinds { get; } =
        [new(AccountKind.CouncilTax.Code(), AccountKind.CouncilTax.Title()), new(AccountKind.BusinessRates.Code(), AccountKind.BusinessRates.Title())];

    [BindProperty(Name = "kind")] public string? Kind { get; set; } = AccountKind.CouncilTax.Code();
    [BindProperty(Name = "summonsCosts")] public string? SummonsCosts { get; set; }
    [BindProperty(Name = "orderCosts")] public string? OrderCosts { get; set; }
    [BindProperty(Name = "basis")] public string? Basis { get; set; }

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public IReadOnlyList<RecoverySettings.CostsRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var kind = Kinds.Any(k => k.Value == Kind) ? AccountKinds.FromCode(Kind!) : (AccountKind?)null;
        if (kind is null)
        {
            ModelState.AddModelError("kind", "Choose council tax or business rates");
        }

        From = DateInput.Read(Request.Form, From.Name);
        var from = From.Check(ModelState, "the date the costs apply from", required: true);
        var summons = Amount("summonsCosts", SummonsCosts, "the costs asked for when a summons is issued");
        var order = Amount("orderCosts", OrderCosts, "the further costs asked for when the court makes a liability order");
        if (!ModelState.IsValid || kind is null || from is null || summons is null || order is null)
        {
            return Page();
        }

        var costs = new RecoveryCosts(kind.Value, from.Value, summons.Value, order.Value, Basis ?? "");
        return await SaveAsync(
                (c, tx) => RecoverySettings.SetCostsAsync(c, tx, CouncilId, costs, User.OfficerUsername(), Clock.GetCurrentInstant()),
                $"{kind.Value.Title()} recovery costs from {Show.Date(from.Value)} set for {Council!.Name}: summons {Show.Money(summons.Value)}, liability order {Show.Money(order.Value)}", ct,
                field => field == "costs" ? "summonsCosts" : field)
            ? Redirect($"/councils/{Id}/charges")
            : Page();
    }

    private Money? Amount(string field, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(field, $"Enter {what}, like 70.00 (0.00 if none)");
            return null;
        }

        if (!MoneyText.TryParse(text, out var money, out var error))
        {
            ModelState.AddModelError(field, error);
            return null;
        }

        if (money.IsNegative || money.Pence > 1_000_00)
        {
            ModelState.AddModelError(field, $"Enter {what} from £0.00 to £1,000.00");
            return null;
        }

        return money;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return false;
        }

        Rows = await RecoverySettings.CostsHistoryAsync(connection, null, CouncilId);
        return true;
    }
}
