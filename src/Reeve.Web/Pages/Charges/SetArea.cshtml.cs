using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Charges;

/// <summary>
/// One charging area's precepts for a year: each authority's Band D amount and last year's, as the demand notice
/// shows them (Council Tax (Demand Notices) (England) Regulations 2011). A Manager changes them until the year is
/// billed; anyone may read them.
/// </summary>
public sealed class SetAreaModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    /// <summary>Blank rows offered after the precepts already set, for authorities to add without JavaScript.</summary>
    public const int SpareRows = 3;

    public static IReadOnlyList<(string Code, string Title)> KindChoices { get; } =
    [
        ("billing-authority", "The council (billing authority)"),
        ("adult-social-care", "Adult social care precept"),
        ("county", "County council"),
        ("police", "Police and crime commissioner"),
        ("fire", "Fire and rescue authority"),
        ("parish", "Parish or town council"),
    ];

    public FinancialYear Year { get; private set; }

    public bool IsNew { get; private set; }

    [BindProperty(Name = "areaCode")]
    public string? AreaCode { get; set; }

    [BindProperty(Name = "areaName")]
    public string? AreaName { get; set; }

    public List<Row> Rows { get; } = [];

    public bool CanSet => ChargeSetters.May(User);

    public sealed record Row(string? Preceptor, string? Kind, string? BandD, string? Previous);

    public async Task<IActionResult> OnGetAsync(int year, string area, CancellationToken ct)
    {
        Year = new FinancialYear(year);
        IsNew = area == "new";
        if (IsNew)
        {
            if (!CanSet)
            {
                return Forbid();
            }
        }
        else
        {
            var found = (await SetCharges.AreasAsync(db, User.CouncilId(), Year)).FirstOrDefault(a => a.Code == area);
            if (found.Code is null)
            {
                return NotFound();
            }

            AreaCode = found.Code;
            AreaName = found.Name;
            await using var connection = await db.OpenAsync(ct);
            var precepts = await ChargeSetting.PreceptsAsync(connection, null, User.CouncilId(), area, Year);
            if (precepts.Count == 0)
            {
                // A new year starts from last year's authorities, with last year's amounts to compare against.
                precepts = (await ChargeSetting.PreceptsAsync(connection, null, User.CouncilId(), area, new FinancialYear(year - 1)))
                    .Select(p => new Precept(p.Preceptor, p.Kind, Money.Zero, p.BandD)).ToList();
                Rows.AddRange(precepts.Select(p => new Row(p.Preceptor, p.Kind, null, p.PreviousBandD?.ToPlainString())));
            }
            else
            {
                Rows.AddRange(precepts.Select(p => new Row(p.Preceptor, p.Kind, p.BandD.ToPlainString(), p.PreviousBandD?.ToPlainString())));
            }
        }

        Rows.AddRange(Enumerable.Repeat(new Row(null, null, null, null), SpareRows));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, string area, CancellationToken ct)
    {
        if (!CanSet)
        {
            return Forbid();
        }

        Year = new FinancialYear(year);
        IsNew = area == "new";
        if (!IsNew)
        {
            AreaCode = area;
        }

        var precepts = new List<Precept>();
        var rowOf = new List<int>();
        for (var i = 0; Request.Form.ContainsKey($"p{i}-preceptor"); i++)
        {
            var row = new Row(Request.Form[$"p{i}-preceptor"], Request.Form[$"p{i}-kind"], Request.Form[$"p{i}-bandD"], Request.Form[$"p{i}-previous"]);
            Rows.Add(row);
            if (string.IsNullOrWhiteSpace(row.Preceptor) && string.IsNullOrWhiteSpace(row.BandD))
            {
                continue;
            }

            if (!MoneyText.TryParse(row.BandD, out var bandD, out var error))
            {
                ModelState.AddModelError($"p{i}-bandD", $"Row {i + 1}: {error}");
                continue;
            }

            Money? previous = null;
            if (!string.IsNullOrWhiteSpace(row.Previous))
            {
                if (MoneyText.TryParse(row.Previous, out var last, out var lastError))
                {
                    previous = last;
                }
                else
                {
                    ModelState.AddModelError($"p{i}-previous", $"Row {i + 1}: {lastError}");
                    continue;
                }
            }

            precepts.Add(new Precept(row.Preceptor ?? "", row.Kind ?? "", bandD, previous));
            rowOf.Add(i);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await SetCharges.SetAsync(connection, tx, User.CouncilId(), AreaCode ?? "", AreaName ?? "", Year, precepts);
        switch (outcome)
        {
            case Outcome<Money>.Done done:
                var summary = $"{AreaName?.Trim()} {Year}: Band D {done.Value.ToDisplayString()} from {precepts.Count} precepts";
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "charges", $"{AreaCode?.Trim()}/{Year.StartYear}", summary);
                await tx.CommitAsync(ct);
                TempData["Notice"] = summary;
                return Redirect($"/council-tax/charges?year={Year.StartYear}");
            case Outcome<Money>.Invalid invalid:
                ModelState.AddModelError(FieldId(invalid.Field, rowOf), invalid.Message);
                return Page();
            case Outcome<Money>.Conflict conflict:
                ModelState.AddModelError("", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>"precepts[2].bandD" from the module is the third precept entered, which may be a later row of the form.</summary>
    internal static string FieldId(string field, List<int> rowOf)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^precepts\[(\d+)\]\.(\w+)$");
        if (match.Success)
        {
            var row = rowOf[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)];
            return $"p{row}-{match.Groups[2].Value}";
        }

        return field is "areaCode" or "areaName" ? field : "p0-preceptor";
    }
}
