using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.Letters;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Letters;

/// <summary>
/// A manager writes a new version of a letter's wording, previews it with the demo letter's data, and saves it
/// to take effect on a date. A version that names an unknown field or leaves out a block the law requires is
/// refused, each problem listed in the error summary.
/// </summary>
[Authorize(Policy = LettersWeb.ManageTemplatesPolicy)]
public sealed class EditTemplateModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public LetterType LetterType { get; private set; }

    public Channel LetterChannel { get; private set; }

    public LetterTemplate InForce { get; private set; } = null!;

    [BindProperty]
    public string Source { get; set; } = "";

    public DateInput EffectiveFrom { get; private set; } = DateInput.Blank("effectiveFrom");

    public IReadOnlyList<string>? Preview { get; private set; }

    public IReadOnlyList<RequiredBlock> Required => TemplateCheck.RequiredFor(LetterType, LetterChannel);

    public string Title => $"{NoticeStore.Describe(LetterType)} by {LetterChannel switch { Channel.Letter => "post", Channel.Email => "email", _ => "text message" }}";

    public async Task<IActionResult> OnGetAsync(string type, string channel, CancellationToken ct)
    {
        if (!await LoadAsync(type, channel, ct))
        {
            return NotFound();
        }

        Source = InForce.Source;
        EffectiveFrom = DateInput.Of("effectiveFrom", UkTime.Today(clock).PlusDays(1));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, string channel, string? action, CancellationToken ct)
    {
        if (!await LoadAsync(type, channel, ct))
        {
            return NotFound();
        }

        EffectiveFrom = DateInput.Read(Request.Form, "effectiveFrom");
        // Empty wording binds as null; Kernel's rule for long text says what is wrong, in the design system's words.
        Source = (Source ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        ModelState.Remove(nameof(Source));
        if (action == "preview")
        {
            var problems = TemplateValidation.Problems(new TemplateEngine(), LetterType, LetterChannel, Source);
            foreach (var problem in problems)
            {
                ModelState.AddModelError("source", problem);
            }

            if (problems.Count == 0 || !problems.Any(p => p.Contains("field", StringComparison.OrdinalIgnoreCase) && p.Contains("unknown", StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    Preview = LetterMarkup.Parse(new TemplateEngine().Render(Source, DemoLetters.For(LetterType))).ToPlainText()
                        .Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }
                catch (TemplateException)
                {
                    Preview = null;
                }
            }

            return Page();
        }

        var effective = EffectiveFrom.Check(ModelState, "the date the new wording takes effect", required: true);
        if (effective is not { } from)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await CouncilTemplates.SaveAsync(connection, tx, User.CouncilId(), LetterType, LetterChannel, from, Source, UkTime.Today(clock),
            User.OfficerUsername(), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<LetterTemplate>.Done done:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "letter-template", $"{type}.{channel}",
                    $"Version {done.Value.Version}, effective {from}");
                await tx.CommitAsync(ct);
                TempData["Notice"] = $"{Title}: version {done.Value.Version} saved, in force from {Show.Date(from)}";
                return Redirect("/letters/templates");
            case Outcome<LetterTemplate>.Invalid { Field: "effectiveFrom" } invalid:
                ModelState.AddModelError(EffectiveFrom.ErrorKey, invalid.Message);
                break;
            case Outcome<LetterTemplate>.Invalid invalid:
                foreach (var line in invalid.Message.Split('\n'))
                {
                    ModelState.AddModelError("source", line);
                }

                break;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string type, string channel, CancellationToken ct)
    {
        if (!LetterTypes.All.Any(t => t.Code() == type) || !Enum.GetValues<Channel>().Any(c => c.Code() == channel))
        {
            return false;
        }

        LetterType = LetterTypes.FromCode(type);
        LetterChannel = LetterTypes.ChannelFromCode(channel);
        await using var connection = await db.OpenAsync(ct);
        var all = await CouncilTemplates.AllAsync(connection, User.CouncilId());
        InForce = TemplateVersions.InForce(all, LetterType, LetterChannel, UkTime.Today(clock)) ?? DefaultTemplates.For(LetterType, LetterChannel);
        return true;
    }
}
