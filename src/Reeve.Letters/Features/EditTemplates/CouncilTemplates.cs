#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A template version a manager saved: the wording, from when, by whom.</summary>
public sealed record SavedTemplate(LetterTemplate Template, string SavedBy, Instant SavedAt);

/// <summary>
/// A council's wording: Reeve's defaults (version 1) and every version its managers saved after them. A new
/// version takes effect on its date, never before the day it is saved, so wording already sent stays as sent.
/// A version that drops a required block or names an unknown field is refused with every problem listed.
/// </summary>
public static class CouncilTemplates
{
    public static async Task<IReadOnlyList<LetterTemplate>> AllAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        DefaultTemplates.All.Concat((await SavedAsync(connection, council, tx)).Select(s => s.Template)).ToList();

    public static async Task<IReadOnlyList<SavedTemplate>> SavedAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            "select letter_type, channel, version, effective_from, source, saved_by, saved_at from letter_template where council_id = @council " +
            "order by letter_type, channel, version", new { council = council.Value }, tx))
        .Select(r => new SavedTemplate(new LetterTemplate(LetterTypes.FromCode(r.letter_type), LetterTypes.ChannelFromCode(r.channel), r.version,
            r.effective_from, r.source), r.saved_by, r.saved_at)).ToList();

    /// <summary>A renderer with the council's wording in force on each notice's issue date.</summary>
    public static async Task<LetterRenderer> RendererAsync(DbConnection connection, CouncilId council) =>
        new(new TemplateEngine(), await AllAsync(connection, council));

    /// <summary>Saves a new version, or refuses it with every problem (field "source" or "effectiveFrom"), one a line.</summary>
    public static async Task<Outcome<LetterTemplate>> SaveAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, LetterType type, Channel channel, LocalDate effectiveFrom, string source,
        LocalDate today, string officer, Instant now)
    {
        if (effectiveFrom < today)
        {
            return new Outcome<LetterTemplate>.Invalid("effectiveFrom",
                $"The date it takes effect must be today or later: notices already sent keep the wording they were sent with");
        }

        if (FieldRules.Text(source, "The wording", FieldRules.LongTextMax) is { } wrong)
        {
            return new Outcome<LetterTemplate>.Invalid("source", wrong);
        }

        var normalised = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        var problems = TemplateValidation.Problems(new TemplateEngine(), type, channel, normalised);
        if (problems.Count > 0)
        {
            return new Outcome<LetterTemplate>.Invalid("source", string.Join('\n', problems));
        }

        var version = await connection.ExecuteScalarAsync<int>(
            "select coalesce(max(version), 1) + 1 from letter_template where council_id = @council and letter_type = @type and channel = @channel",
            new { council = council.Value, type = type.Code(), channel = channel.Code() }, tx);
        await connection.ExecuteAsync(
            "insert into letter_template (council_id, letter_type, channel, version, effective_from, source, saved_by, saved_at) " +
            "values (@council, @type, @channel, @version, @effectiveFrom, @normalised, @officer, @now)",
            new
            {
                council = council.Value, type = type.Code(), channel = channel.Code(), version, effectiveFrom,
                normalised, officer, now,
            },
            tx);
        return new LetterTemplate(type, channel, version, effectiveFrom, normalised);
    }

    private sealed class Row
    {
        public string letter_type { get; set; } = "";
        public string channel { get; set; } = "";
        public int version { get; set; }
        public LocalDate effective_from { get; set; }
        public string source { get; set; } = "";
        public string saved_by { get; set; } = "";
        public Instant saved_at { get; set; }
    }
}
