using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Work;

namespace Reeve.Web.Features.Work;

/// <summary>A work item as a queue page shows it: its time left on its own clock, and the person's name and account's reference.</summary>
public sealed record WorkRow(WorkItem Item, int DaysLeft, string TimeLeft, string? PersonName, string? AccountReference)
{
    public bool Overdue => DaysLeft < 0;

    /// <summary>The GOV.UK tag colour: red when overdue, orange when due within two days on its clock, otherwise grey.</summary>
    public string TagClass => DaysLeft switch
    {
        < 0 => "govuk-tag--red",
        <= 2 => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}

/// <summary>A page of the queue ready to draw, with the officers work may be moved to (the team view).</summary>
public sealed record WorkView(WorkPage Page, IReadOnlyList<WorkRow> Rows, string? Kind);

public static class WorkRows
{
    /// <summary>Reads names and references for the page's items through their owners' queries, a few statements in all.</summary>
    public static async Task<WorkView> ForAsync(DbConnection connection, CouncilId council, WorkPage page, string? kind, LocalDate today)
    {
        var accounts = await AccountStore.GetManyAsync(connection, council,
            page.Items.Where(i => i.AccountId is not null).Select(i => i.AccountId!.Value).Distinct().ToList());
        var names = await PartyNames.CurrentAsync(connection, council,
            page.Items.Where(i => i.PartyId is not null).Select(i => i.PartyId!.Value).Distinct().ToList());
        var rows = page.Items.Select(i =>
        {
            var left = i.Clock.DaysLeft(i.Deadline, today, WorkingDays.EnglandAndWales);
            return new WorkRow(i, left, i.Clock.Describe(left),
                i.PartyId is { } p && names.TryGetValue(p, out var name) ? name : null,
                i.AccountId is { } a && accounts.TryGetValue(a, out var account) ? account.Reference.Value : null);
        }).ToList();
        return new WorkView(page, rows, kind);
    }

    /// <summary>A kind filter from the query string: only a kind the queue holds, else none.</summary>
    public static string? KindFrom(string? asked) => string.IsNullOrWhiteSpace(asked) || asked.Length > 100 ? null : asked.Trim();

    public static bool MayLeadTeams(this Reeve.Officers.Role? role) => role is Reeve.Officers.Role.TeamLeader or Reeve.Officers.Role.Manager;
}

/// <summary>
/// The queue table's model: the rows, and either the address to come back to after Take (My work) or the form the row
/// checkboxes belong to (the team view's bulk reassignment); neither for a read-only officer.
/// </summary>
public sealed record WorkTable(WorkView View, string? TakeReturnUrl, string? SelectForm);

/// <summary>The kind filter's model: the counts per kind, the kind chosen, where the form goes, and the other values it keeps.</summary>
public sealed record WorkKindFilter(IReadOnlyList<WorkKindCount> Kinds, string? Kind, string Action, IReadOnlyDictionary<string, string> Keep);
