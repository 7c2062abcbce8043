using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Web.Features.Forms;
using Reeve.Web.Pages.Charges;

namespace Reeve.Web.Pages.Councils;

/// <summary>
/// A new council's Band D charges by charging area for a year (LGFA 1992 ss30 to 36), set by an administrator for the
/// council in the address through Council Tax's <see cref="SetCharges"/>, without switching to it first. Later years and
/// changes are the council's own Managers' work on the Charges page.
/// </summary>
public sealed class CouncilTaxChargesModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    public const int Rows = 3;

    [BindProperty(SupportsGet = true, Name = "year")] public int? YearShown { get; set; }
    [BindProperty(Name = "areaCode")] public string? AreaCode { get; set; }
    [BindProperty(Name = "areaName")] public string? AreaName { get; set; }

    public FinancialYear Year { get; private set; }

    public IReadOnlyList<(string Code, string Name, Money BandD)> Areas { get; private set; } = [];

    public List<(string? Preceptor, string? Kind, string? BandD)> Precepts { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Precepts.AddRange(Enumerable.Repeat<(string?, string?, string?)>((null, null, null), Rows));
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var precepts = new List<Precept>();
        var rowOf = new List<int>();
        for (var i = 0; i < Rows; i++)
        {
            var row = ((string?)Request.Form[$"p{i}-preceptor"], (string?)Request.Form[$"p{i}-kind"], (string?)Request.Form[$"p{i}-bandD"]);
            Precepts.Add(row);
            if (string.IsNullOrWhiteSpace(row.Item1) && string.IsNullOrWhiteSpace(row.Item3))
            {
                continue;
            }

            if (!MoneyText.TryParse(row.Item3, out var bandD, out var error))
            {
                ModelState.AddModelError($"p{i}-bandD", $"Precept {i + 1}: {error}");
                continue;
            }

            precepts.Add(new Precept(row.Item1?.Trim() ?? "", row.Item2 ?? "", bandD, null));
            rowOf.Add(i);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = AreaCode?.Trim() ?? "";
        var name = AreaName?.Trim() ?? "";
        return await SaveAsync(
                (c, tx) => SetCharges.SetAsync(c, tx, CouncilId, code, name, Year, precepts),
                $"Council tax charges for {Council!.Name}, {name} {Year}: Band D {Money.Sum(precepts.Select(p => p.BandD)).ToDisplayString()}", ct,
                field => SetAreaModel.FieldId(field, rowOf))
            ? Redirect($"/councils/{Id}/council-tax-charges?year={Year.StartYear.ToString(CultureInfo.InvariantCulture)}")
            : Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return false;
        }

        var thisYear = FinancialYear.Containing(UkTime.Today(Clock));
        Year = YearShown is { } y && y >= thisYear.StartYear - 5 && y <= thisYear.StartYear + 1 ? new FinancialYear(y) : thisYear;
        Areas = await SetCharges.AreasAsync(Db, CouncilId, Year);
        return true;
    }
}
