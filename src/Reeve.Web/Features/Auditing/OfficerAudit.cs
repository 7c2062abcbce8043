using System.Data.Common;
using NodaTime;
using Reeve.Officers;
using Reeve.Web.Security;

namespace Reeve.Web.Features.Auditing;

/// <summary>
/// Writes the audit trail for what the signed-in officer does through pages or the API: who, which
/// council, what, and from which address (UK GDPR Art 5(2); DPA 2018 s62 logging).
/// </summary>
public sealed class OfficerAudit(IClock clock)
{
    private const string RecordedKey = "reeve.audit.recorded";

    public Task RecordAsync(
        HttpContext http, DbConnection connection, DbTransaction? tx, string action, string subjectKind, string subjectId, string detail)
    {
        http.Items[RecordedKey] = true;
        return AuditTrail.RecordAsync(
            connection, tx, http.User.CouncilId(), http.User.OfficerUsername(), action, subjectKind, subjectId, detail,
            RemoteAddress(http), clock.GetCurrentInstant());
    }

    /// <summary>Whether the page or endpoint wrote its own row for this request (then <see cref="AuditEveryView"/> adds none).</summary>
    public static bool WasRecorded(HttpContext http) => http.Items.ContainsKey(RecordedKey);

    /// <summary>Says a module's handler wrote this request's audit row itself (a subject access export does).</summary>
    public static void MarkRecorded(HttpContext http) => http.Items[RecordedKey] = true;

    public static string? RemoteAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static class Subjects
    {
        public const string Person = "person";
        public const string Account = "account";
        public const string Property = "property";
        public const string Search = "search";
        public const string Officer = "officer";
    }
}
