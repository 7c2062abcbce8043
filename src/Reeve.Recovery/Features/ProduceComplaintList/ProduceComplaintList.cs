using System.Data.Common;
using System.Text;
using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Recovery;

/// <summary>A session's complaint list as it stands, with the council's name for the heading.</summary>
public sealed record ComplaintList(CourtSession Session, IReadOnlyList<ComplaintLine> Lines, string CouncilName);

/// <summary>A complaint list file: its name, its media type and its bytes.</summary>
public sealed record ComplaintListFile(string FileName, string ContentType, byte[] Content);

public enum ComplaintListFormat
{
    Csv,
    Html,
    Pdf,
}

/// <summary>
/// The complaint list of a court session for the court: read (<see cref="HandleAsync"/>) and, when asked for a file,
/// rendered by <see cref="ComplaintListFiles"/>. Nothing is recorded here; outcomes are <see cref="RecordHearingOutcomes"/>.
/// </summary>
public static class ProduceComplaintList
{
    public static async Task<ComplaintList?> HandleAsync(DbConnection connection, CouncilId council, long sessionId, DbTransaction? tx = null)
    {
        if (await CourtSessions.GetAsync(connection, council, sessionId, tx) is not { } session)
        {
            return null;
        }

        var lines = await CourtSessions.ComplaintListAsync(connection, council, sessionId, tx);
        var name = await CouncilStore.NameAsync(connection, council, tx) ?? "";
        return new ComplaintList(session, lines, name);
    }

    /// <summary>The list in one of its formats, named for the session's date and id.</summary>
    public static ComplaintListFile File(ComplaintList list, ComplaintListFormat format)
    {
        var stem = $"complaints-{DateText.LongForm.Format(list.Session.Date)}-{list.Session.SessionId}";
        return format switch
        {
            ComplaintListFormat.Csv => new(stem + ".csv", "text/csv", Encoding.UTF8.GetBytes(ComplaintListFiles.Csv(list.Session, list.Lines))),
            ComplaintListFormat.Html => new(stem + ".html", "text/html; charset=utf-8", Encoding.UTF8.GetBytes(ComplaintListFiles.Html(list.CouncilName, list.Session, list.Lines))),
            ComplaintListFormat.Pdf => new(stem + ".pdf", "application/pdf", ComplaintListFiles.Pdf(list.CouncilName, list.Session, list.Lines)),
        };
    }
}
