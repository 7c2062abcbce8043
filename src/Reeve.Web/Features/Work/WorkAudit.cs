namespace Reeve.Web.Features.Work;

/// <summary>The audit trail's subject kind for a work item (taken or moved).</summary>
public static class WorkAudit
{
    public const string Subject = "work-item";
}
