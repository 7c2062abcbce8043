#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Officers;

/// <summary>One line of the audit trail: who looked at or changed what, when, and from where.</summary>
public sealed record AuditEntry(
    long AuditId,
    Instant At,
    string Officer,
    string Action,
    string SubjectKind,
    string SubjectId,
    string Detail,
    string? RemoteAddress);

/// <summary>
/// Every view and every change of personal data is written here (UK GDPR Art 5(2) accountability and
/// Art 30 records; DPA 2018 s62 logging). The trail is append-only: nothing updates or deletes it.
/// </summary>
public static class AuditTrail
{
    public static class Actions
    {
        public const string View = "view";
        public const string Change = "change";
        public const string Search = "search";
        public const string SignIn = "sign-in";
        public const string SignInFailed = "sign-in-failed";
        public const string SignOut = "sign-out";
        public const string Upload = "upload";
        public const string Import = "import";
        public const string Download = "download";
    }

    public static async Task RecordAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, string officer, string action, string subjectKind,
        string subjectId, string detail, string? remoteAddress, Instant at)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "audit", 1);
        await connection.ExecuteAsync(
            "insert into audit_log (council_id, audit_id, at, officer, action, subject_kind, subject_id, detail, remote_address) " +
            "values (@council, @id, @at, @officer, @action, @subjectKind, @subjectId, @detail, @remoteAddress)",
            new
            {
                council = council.Value, id, at, officer, action, subjectKind, subjectId,
                detail, remoteAddress,
            },
            tx);
    }

    public static async Task<IReadOnlyList<AuditEntry>> ForSubjectAsync(DbConnection connection, CouncilId council, string subjectKind, string subjectId, int limit = 200) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and subject_kind = @subjectKind and subject_id = @subjectId order by audit_id desc limit @limit",
            new { council = council.Value, subjectKind, subjectId, limit }))
        .Select(r => r.ToEntry()).ToList();

    public static async Task<IReadOnlyList<AuditEntry>> RecentAsync(DbConnection connection, CouncilId council, string? officer, int limit = 200) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and (@officer is null or officer = @officer) order by audit_id desc limit @limit",
            new { council = council.Value, officer, limit }))
        .Select(r => r.ToEntry()).ToList();

    private sealed class Row
    {
        public const string Select =
            "select audit_id, at, officer, action, subject_kind, subject_id, detail, remote_address from audit_log";

        public long audit_id { get; set; }
        public Instant at { get; set; }
        public string officer { get; set; } = "";
        public string action { get; set; } = "";
        public string subject_kind { get; set; } = "";
        public string subject_id { get; set; } = "";
        public string detail { get; set; } = "";
        public string? remote_address { get; set; }

        public AuditEntry ToEntry() => new(audit_id, at, officer, action, subject_kind, subject_id, detail, remote_address);
    }
}
