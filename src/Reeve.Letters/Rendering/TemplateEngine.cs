using System.Globalization;
using HandlebarsDotNet;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>
/// Handlebars with only the helpers written here: a template can show fields of its typed model, loop, test
/// and call money, date, datetime and section; it cannot run code, read files or reach anything but its model.
/// An unknown field is an error, not an empty string, so a mistyped field cannot reach a printed notice.
/// </summary>
public sealed class TemplateEngine
{
    private readonly IHandlebars _handlebars;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<object, string>> _compiled = new(StringComparer.Ordinal);

    public TemplateEngine()
    {
        var configuration = new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
            TextEncoder = new LetterTextEncoder(),
        };
        _handlebars = Handlebars.Create(configuration);
        _handlebars.RegisterHelper("money", (writer, _, arguments) => writer.Write(Single<Money>(arguments, "money").ToDisplayString()));
        _handlebars.RegisterHelper("date", (writer, _, arguments) => writer.Write(DateText.LongForm.Format(Single<LocalDate>(arguments, "date"))));
        _handlebars.RegisterHelper("datetime", (writer, _, arguments) => writer.Write(HearingText(Single<LocalDateTime>(arguments, "datetime"))));
        _handlebars.RegisterHelper("section", (writer, options, context, arguments) =>
        {
            var name = arguments.Length == 1 && arguments[0] is string s ? s : throw new HandlebarsRuntimeException("section needs a name in quotes");
            writer.WriteSafeString($"\n[[section:{name}]]\n");
            options.Template(writer, context);
            writer.WriteSafeString("\n[[/section]]\n");
        });
    }

    /// <summary>Compiles a template; a syntax error throws <see cref="TemplateException"/> naming it.</summary>
    public Func<object, string> Compile(string source)
    {
        HandlebarsTemplate<object, object> compiled;
        try
        {
            compiled = _handlebars.Compile(source);
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException("The template cannot be read: " + e.Message, e);
        }

        return model =>
        {
            try
            {
                return compiled(model).Replace("\r\n", "\n", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException)
            {
                throw new TemplateException("The template cannot be filled in: " + e.Message, e);
            }
        };
    }

    /// <summary>Fills in a template, compiling each distinct source once: compiling costs far more than filling in.</summary>
    public string Render(string source, object model) => _compiled.GetOrAdd(source, Compile)(model);

    // "10:00am on 14 May 2025", the way court summonses give a hearing.
    private static string HearingText(LocalDateTime at) =>
        LocalTimePattern.CreateWithInvariantCulture("h:mmtt").Format(at.TimeOfDay).ToLowerInvariant() + " on " + DateText.LongForm.Format(at.Date);

    private static T Single<T>(Arguments arguments, string helper) =>
        arguments.Length == 1 && arguments[0] is T value
            ? value
            : throw new HandlebarsRuntimeException($"{helper} needs one {typeof(T).Name} field, got {Describe(arguments)}");

    private static string Describe(Arguments arguments) =>
        arguments.Length == 0 ? "nothing" : string.Join(", ", arguments.AsEnumerable().Select(a => a?.GetType().Name ?? "null"));

    /// <summary>
    /// A field's value must not change the letter's layout: line breaks become spaces and a table bar becomes a
    /// slash, so a name or address cannot start a heading or a table row.
    /// </summary>
    private sealed class LetterTextEncoder : ITextEncoder
    {
        public void Encode(System.Text.StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

        public void Encode(string? text, TextWriter target)
        {
            foreach (var c in text ?? "")
            {
                target.Write(c switch
                {
                    '\r' or '\n' => ' ',
                    '|' => '/',
                    _ => c,
                });
            }
        }

        public void Encode<T>(T? text, TextWriter target)
            where T : IEnumerator<char>
        {
            var builder = new System.Text.StringBuilder();
            while (text is not null && text.MoveNext())
            {
                builder.Append(text.Current);
            }

            Encode(builder.ToString(), target);
        }
    }
}

public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
