using NodaTime;

namespace Reeve.Letters;

/// <summary>
/// One version of the wording for a letter type on a channel, in force from a date. A change of wording is a
/// new version; a notice is always rendered with the version in force on the day it is issued.
/// </summary>
public sealed record LetterTemplate(LetterType Type, Channel Channel, int Version, LocalDate EffectiveFrom, string Source);

public static class TemplateVersions
{
    /// <summary>The version in force on a date: the latest effective on or before it, and the highest version on a tie.</summary>
    public static LetterTemplate? InForce(IEnumerable<LetterTemplate> versions, LetterType type, Channel channel, LocalDate on) =>
        versions
            .Where(v => v.Type == type && v.Channel == channel && v.EffectiveFrom <= on)
            .OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.Version)
            .FirstOrDefault();
}
