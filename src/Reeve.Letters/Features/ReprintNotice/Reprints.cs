using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>An officer's reprint of a notice: the stored bytes, whole, with COPY added after them.</summary>
public static class Reprints
{
    public static byte[] MarkCopy(byte[] original) => Pdf.CopyMark.Apply(original);

    /// <summary>The reprint of a stored paper notice, or null if there is no such notice on this council.</summary>
    public static async Task<byte[]?> ReprintAsync(DbConnection connection, CouncilId council, long noticeId)
    {
        var notice = await NoticeStore.GetAsync(connection, council, noticeId);
        if (notice is null || notice.Channel != Channel.Letter)
        {
            return null;
        }

        var original = await NoticeStore.ContentAsync(connection, council, notice.ContentHash)
            ?? throw new InvalidOperationException($"Notice {noticeId} names content {notice.ContentHash} that is not stored");
        return MarkCopy(original);
    }
}
