using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;


namespace Reeve.Web.Pages.Returns;

/// <summary>The council tax base return (CTB): counts by band on the two dates the government's notes name, or dates the officer chooses.</summary>
public sealed class TaxBaseModel(ReeveDatabase db, IClock clock) : PageModel
{
    public DateInput ListDate { get; private set; } = DateInput.Blank("list");

    public DateInput AwardsDate { get; private set; } = DateInput.Blank("awards");

    public TaxBaseReturn? Return { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Return = await ReadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct) is not { } r)
        {
            return BadRequest();
        }

        var csv = new StringBuilder("column,band_d_ninths,on_list,exempt,chargeable,disabled_reductions,single_person_discounts,fifty_percent_discounts,other_discounts,premiums,with_reduction,equivalent_dwellings,band_d_equivalents,reduction_band_d_equivalents,tax_base\n");
        foreach (var c in r.Columns.Append(r.Total))
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{c.Label},{c.Ninths},{c.OnList},{c.Exempt},{c.Chargeable},{c.DisabledReductions},{c.SinglePersonDiscounts},{c.FiftyPercentDiscounts},{c.OtherDiscounts},{c.LongTermEmptyOrSecondHomePremiums},{c.WithReduction},{c.EquivalentDwellings:0.00},{c.BandDEquivalents:0.00},{c.ReductionBandDEquivalents:0.00},{c.TaxBase:0.00}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"ctb-{Show.Iso(r.AwardsDate)}.csv");
    }

    private async Task<TaxBaseReturn?> ReadAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        // The last return due: this autumn's once its first Monday in October has passed, otherwise last year's.
        var year = today >= TaxBase.DefaultAwardsDate(today.Year) ? today.Year : today.Year - 1;
        ListDate = Typed("list") is { IsBlank: false } list ? list : DateInput.Of("list", TaxBase.DefaultListDate(year));
        AwardsDate = Typed("awards") is { IsBlank: false } awards ? awards : DateInput.Of("awards", TaxBase.DefaultAwardsDate(year));
        var listDate = ListDate.Check(ModelState, "the valuation list date", required: true);
        var awardsDate = AwardsDate.Check(ModelState, "the date discounts and exemptions are counted on", required: true);
        if (listDate is null || awardsDate is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(ct);
        return await CountTaxBase.HandleAsync(connection, User.CouncilId(), listDate.Value, awardsDate.Value, ct);
    }

    private DateInput Typed(string name) =>
        new(name, Request.Query[$"{name}-day"].ToString().Trim(), Request.Query[$"{name}-month"].ToString().Trim(), Request.Query[$"{name}-year"].ToString().Trim());
}
