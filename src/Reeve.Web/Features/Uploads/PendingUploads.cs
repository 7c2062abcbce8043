#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Features.Uploads;

/// <summary>
/// Files uploaded in the browser, kept between their preview and "Confirm and import" (table pending_upload, owned by
/// Web), keyed by council, kind and the SHA-256 of the bytes: the confirmed import reads these bytes, so what is
/// committed is exactly what was previewed. A row goes when its import commits (in the import's transaction) or when it
/// expires (cleared on the next upload).
/// </summary>
public static class PendingUploads
{
    /// <summary>How long a previewed file waits for its officer to confirm it.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(2);

    public sealed record Pending(string Kind, string Sha256, string FileName, string Option, byte[] Content, string UploadedBy, Instant UploadedAt, Instant ExpiresAt);

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Keeps a previewed file (replacing the same bytes uploaded before for this kind), clearing expired ones.</summary>
    public static async Task KeepAsync(DbConnection connection, DbTransaction tx, CouncilId council, Pending upload, Instant now)
    {
        await connection.ExecuteAsync("delete from pending_upload where council_id = @council and expires_at <= @now", new { council = council.Value, now }, tx);
        await ClearAsync(connection, tx, council, upload.Kind, upload.Sha256);
        await connection.ExecuteAsync(
            "insert into pending_upload (council_id, kind, sha256, file_name, options, content, size_bytes, uploaded_by, uploaded_at, expires_at) " +
            "values (@council, @kind, @sha, @fileName, @option, @content, @size, @officer, @at, @expires)",
            new
            {
                council = council.Value, kind = upload.Kind, sha = upload.Sha256, fileName = upload.FileName, option = upload.Option, content = upload.Content,
                size = (long)upload.Content.Length, officer = upload.UploadedBy, at = upload.UploadedAt, expires = upload.ExpiresAt,
            },
            tx);
    }

    /// <summary>The file waiting under this key, unless there is none or it has expired.</summary>
    public static async Task<Pending?> FindAsync(DbConnection connection, CouncilId council, string kind, string sha256, Instant now)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "select file_name, options, content, uploaded_by, uploaded_at, expires_at from pending_upload where council_id = @council and kind = @kind and sha256 = @sha",
            new { council = council.Value, kind, sha = sha256 });
        return row is null || row.expires_at <= now
            ? null
            : new Pending(kind, sha256, row.file_name, row.options, row.content, row.uploaded_by, row.uploaded_at, row.expires_at);
    }

    public static Task ClearAsync(DbConnection connection, DbTransaction tx, CouncilId council, string kind, string sha256) =>
        connection.ExecuteAsync("delete from pending_upload where council_id = @council and kind = @kind and sha256 = @sha",
            new { council = council.Value, kind, sha = sha256 }, tx);

    private sealed record Row(string file_name, string options, byte[] content, string uploaded_by, Instant uploaded_at, Instant expires_at);
}
