using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>The council's council tax recovery timetable from a year on, saved by Recovery (the statutory default until set).</summary>
public sealed class RecoveryProfileModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    [BindProperty(Name = "fromYear")] public string? FromYear { get; set; }
    [BindProperty(Name = "reminderDays")] public string? ReminderDays { get; set; }
    [BindProperty(Name = "summonsDays")] public string? SummonsDays { get; set; }
    [BindProperty(Name = "hearingDays")] public string? HearingDays { get; set; }

    public string Source { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return NotFound();
        }

        var year = FinancialYear.Containing(UkTime.Today(Clock));
        var setting = await RecoverySettings.ProfileForAsync(connection, null, CouncilId, AccountKind.CouncilTax, year);
        Source = setting.Source;
        FromYear = setting.FromYear.ToString(CultureInfo.InvariantCulture);
        ReminderDays = setting.Profile.ReminderDaysAfterDue.ToString(CultureInfo.InvariantCulture);
        SummonsDays = setting.Profile.SummonsDaysAfterBalanceDue.ToString(CultureInfo.InvariantCulture);
        HearingDays = setting.Profile.MinimumDaysSummonsToHearing.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using (var connection = await Db.OpenAsync(ct))
        {
            if (!await FindCouncilAsync(connection))
            {
                return NotFound();
            }
        }

        int? Read(string field, string? text, int min, int max, string what)
        {
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            ModelState.AddModelError(field, $"Enter {what} as a whole number from {min} to {max}");
            return null;
        }

        var from = Read("fromYear", FromYear, 1993, 2100, "the year the profile starts (the April it starts in)");
        var reminder = Read("reminderDays", ReminderDays, 1, 365, "the days after an instalment is due that a reminder goes");
        var summons = Read("summonsDays", SummonsDays, 1, 365, "the days after the balance falls due that a summons goes");
        var hearing = Read("hearingDays", HearingDays, 14, 365, "the least days from summons to hearing");
        if (from is null || reminder is null || summons is null || hearing is null)
        {
            return Page();
        }

        var profile = new Reeve.Recovery.Domain.RecoveryProfile(reminder.Value, summons.Value, hearing.Value);
        return await SaveAsync((c, tx) => RecoverySettings.SetProfileAsync(c, tx, CouncilId, AccountKind.CouncilTax, from.Value, profile, User.OfficerUsername(), Clock.GetCurrentInstant()),
            $"Council tax recovery profile from {from}/{(from + 1) % 100:00} set for {Council!.Name}", ct)
            ? Redirect($"/councils/{Id}")
            : Page();
    }
}
