using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;
using Reeve.Web.Features.Letters;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Letters;

/// <summary>Every letter type and channel with the wording in force today and any version waiting to take effect.</summary>
[Authorize(Policy = LettersWeb.ManageTemplatesPolicy)]
public sealed class TemplatesModel(ReeveDatabase db, IClock clock) : PageModel
{
    public sealed record Row(LetterType Type, Channel Channel, LetterTemplate InForce, LetterTemplate? Next);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var all = await CouncilTemplates.AllAsync(connection, User.CouncilId());
        var today = UkTime.Today(clock);
        Rows = LetterTypes.All.SelectMany(t => Enum.GetValues<Channel>().Select(c => new Row(t, c,
                TemplateVersions.InForce(all, t, c, today) ?? DefaultTemplates.For(t, c),
                all.Where(v => v.Type == t && v.Channel == c && v.EffectiveFrom > today).OrderBy(v => v.EffectiveFrom).FirstOrDefault())))
            .ToList();
    }
}
