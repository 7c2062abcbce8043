namespace Reeve.Letters;

/// <summary>A letter filled in from the template version in force on its issue date, as a PDF or as text for Notify.</summary>
public sealed record RenderedLetter(LetterType Type, Channel Channel, int TemplateVersion, LetterDocument Document, byte[]? Pdf);

/// <summary>Fills in a notice: picks the template version in force on the issue date, fills it from the typed model, draws it.</summary>
public sealed class LetterRenderer(TemplateEngine engine, IReadOnlyList<LetterTemplate> templates)
{
    /// <summary>A renderer with Reeve's shipped wording only.</summary>
    public static LetterRenderer WithDefaults() => new(new TemplateEngine(), DefaultTemplates.All);

    public RenderedLetter Render(LetterType type, Channel channel, ILetterModel model, PrintSize size = PrintSize.Standard)
    {
        if (model.GetType() != type.ModelType())
        {
            throw new ArgumentException($"A {type.Code()} is filled from a {type.ModelType().Name}, not a {model.GetType().Name}", nameof(model));
        }

        var template = TemplateVersions.InForce(templates, type, channel, model.IssuedOn)
            ?? throw new InvalidOperationException($"No {channel.Code()} template for {type.Code()} is in force on {model.IssuedOn}");
        var document = LetterMarkup.Parse(engine.Render(template.Source, model));
        var pdf = channel == Channel.Letter ? LetterPdf.Render(document, model, size) : null;
        return new RenderedLetter(type, channel, template.Version, document, pdf);
    }
}
