#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.Cases.Features.AnswerCase;

/// <summary>The response letter's data: who it goes to, the case, its outcome and the officer's response in paragraphs.</summary>
public sealed record CaseResponseModel(
    CouncilDetails Council,
    Addressee Recipient,
    string CaseReference,
    LocalDate IssuedOn,
    LocalDate ReceivedOn,
    string Description,
    string OutcomeTitle,
    IReadOnlyList<string> Paragraphs,
    string StageName,
    string NextStep) : ILetterModel
{
    // A case letter is about a case, not an account: the reference block names the case, and there is no payment slip.
    public AccountReference AccountReference => default;

    public Money? SlipAmount => null;

    public (string Label, string Value) Reference => ("Case reference", CaseReference);
}

/// <summary>A response letter kept for a case: which case, whom it concerns, its PDF's hash, when and by whom.</summary>
public sealed record CaseLetter(long LetterId, long CaseId, long? PartyId, string ContentHash, LocalDate IssuedOn, string RecordedBy, Instant RecordedAt);

/// <summary>
/// Writes a case's response letter with the template for its kind (Templates/*.letter.hbs, filled by Letters' template
/// engine and drawn with Letters' one letter layout), keeps the PDF in Letters' document store, and lists the letters
/// kept for a case or a person.
/// </summary>
public static class CaseLetters
{
    private static readonly TemplateEngine Engine = new();

    public static string TemplateFor(CaseKind kind)
    {
        using var stream = typeof(CaseLetters).Assembly.GetManifestResourceStream($"Reeve.Cases.Templates.{kind.Code()}.letter.hbs")
            ?? throw new InvalidOperationException($"The {kind.Code()} response template is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static (LetterDocument Document, byte[] Pdf) Render(CaseKind kind, CaseResponseModel model)
    {
        var document = LetterMarkup.Parse(Engine.Render(TemplateFor(kind), model));
        return (document, LetterPdf.Render(document, model));
    }

    /// <summary>The letter for a case being answered: its recipient from the case, the council's letterhead, the outcome and response.</summary>
    public static async Task<CaseResponseModel> ModelAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CaseWithClock current, string outcome, string response, LocalDate on)
    {
        var details = await CouncilLetterDetails.GetAsync(connection, tx, council)
            ?? throw new InvalidOperationException($"Council {council.Value} does not exist");
        var file = current.Case;
        var lines = file.RequesterAddress.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = lines.Length > 1 ? new Letters.PostalAddress(lines[..^1], lines[^1]) : new Letters.PostalAddress(lines, "");
        var stage = current.Stages.FirstOrDefault(s => s.Stage == file.Stage);
        var lastStage = current.Stages.Count > 0 && file.Stage >= current.Stages.Count;
        var nextStep = file.Kind != CaseKind.Complaint ? ""
            : lastStage
                ? "This is the council's final response. If you are still not satisfied you may ask the Local Government and Social Care Ombudsman to look at your complaint (lgo.org.uk), normally within 12 months."
                : $"If you are not satisfied, ask us within 20 working days to take your complaint to {current.Stages[file.Stage].Name}.";
        return new CaseResponseModel(
            details, new Addressee(file.RequesterName, address), file.Reference, on, file.ReceivedOn, file.Description,
            CaseKinds.OutcomeTitle(file.Kind, outcome),
            response.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            stage?.Name ?? "", nextStep);
    }

    internal static async Task<CaseLetter> KeepAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CaseFile file, byte[] pdf, LocalDate on, string officer, Instant now)
    {
        var hash = await NoticeStore.StoreContentAsync(connection, tx, council, pdf, "application/pdf", now);
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "case_letter", 1);
        var partyId = file.RequesterPartyId ?? file.PartyId;
        await connection.ExecuteAsync(
            "insert into case_letter (council_id, letter_id, case_id, party_id, content_hash, issued_on, recorded_by, recorded_at) " +
            "values (@council, @id, @caseId, @partyId, @hash, @on, @officer, @now)",
            new { council = council.Value, id, caseId = file.CaseId, partyId, hash, on, officer, now }, tx);
        return new CaseLetter(id, file.CaseId, partyId, hash, on, officer, now);
    }

    public static async Task<IReadOnlyList<CaseLetter>> ForCaseAsync(DbConnection connection, CouncilId council, long caseId) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and case_id = @caseId order by letter_id",
            new { council = council.Value, caseId })).Select(r => r.ToLetter()).ToList();

    /// <summary>Letters kept on a person's record: those sent to them, or about them.</summary>
    public static async Task<IReadOnlyList<CaseLetter>> ForPartyAsync(DbConnection connection, CouncilId council, long partyId) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and (party_id = @partyId or case_id in " +
            "(select case_id from case_record where council_id = @council and (party_id = @partyId or requester_party_id = @partyId))) order by letter_id",
            new { council = council.Value, partyId })).Select(r => r.ToLetter()).ToList();

    public static async Task<CaseLetter?> GetAsync(DbConnection connection, CouncilId council, long letterId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and letter_id = @letterId",
            new { council = council.Value, letterId }))?.ToLetter();

    private sealed class Row
    {
        public const string Select = "select letter_id, case_id, party_id, content_hash, issued_on, recorded_by, recorded_at from case_letter";

        public long letter_id { get; set; }
        public long case_id { get; set; }
        public long? party_id { get; set; }
        public string content_hash { get; set; } = "";
        public LocalDate issued_on { get; set; }
        public string recorded_by { get; set; } = "";
        public Instant recorded_at { get; set; }

        public CaseLetter ToLetter() => new(letter_id, case_id, party_id, content_hash, issued_on, recorded_by, recorded_at);
    }
}
