using System.Text;
using NodaTime;

namespace Reeve.Letters;

/// <summary>The wording Reeve ships for every letter type, embedded in the assembly as <c>Templates/{type}.{channel}.hbs</c>.</summary>
public static class DefaultTemplates
{
    /// <summary>In force from 1 April 2013, when the right to 12 instalments that every bill explains came in.</summary>
    public static LocalDate EffectiveFrom { get; } = new(2013, 4, 1);

    private static readonly Lazy<IReadOnlyList<LetterTemplate>> Loaded = new(Load);

    public static IReadOnlyList<LetterTemplate> All => Loaded.Value;

    public static LetterTemplate For(LetterType type, Channel channel) =>
        All.SingleOrDefault(t => t.Type == type && t.Channel == channel)
        ?? throw new InvalidOperationException($"No default {channel.Code()} template for {type.Code()}");

    private static List<LetterTemplate> Load()
    {
        const string prefix = "Reeve.Letters.Templates.";
        var assembly = typeof(DefaultTemplates).Assembly;
        var templates = new List<LetterTemplate>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var parts = name[prefix.Length..].Split('.');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            templates.Add(new LetterTemplate(
                LetterTypes.FromCode(parts[0]), LetterTypes.ChannelFromCode(parts[1]), 1, EffectiveFrom,
                reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)));
        }

        return templates;
    }
}
