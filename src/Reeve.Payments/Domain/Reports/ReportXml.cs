using System.Xml;
using System.Xml.Linq;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Domain.Reports;

/// <summary>Bad input in a report, naming the element or attribute path; caught at the parser's edge and returned as <see cref="Outcome{T}.Invalid"/>.</summary>
internal sealed class ReportFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Reading Bacs XML reports (formats.md 2.1, 9.3): no namespace, no DTDs or external entities, attributes
/// read by path, and every problem named by its path (with the line where the XML itself is broken).
/// </summary>
internal static class ReportXml
{
    public static XDocument Load(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ReportFormatException($"line {e.LineNumber}", "The file is not well-formed XML: " + e.Message);
        }
    }

    /// <summary>Follows a path of child element names from the root, which must be the first name.</summary>
    public static XElement Element(XDocument doc, string path)
    {
        var names = path.Split('/');
        var current = doc.Root;
        if (current is null || current.Name.LocalName != names[0])
        {
            throw new ReportFormatException(names[0], $"The root element must be {names[0]}");
        }

        for (var i = 1; i < names.Length; i++)
        {
            current = current.Elements().FirstOrDefault(e => e.Name.LocalName == names[i])
                ?? throw new ReportFormatException(string.Join('/', names[..(i + 1)]), "This element is missing");
        }

        return current;
    }

    public static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static XElement Child(XElement parent, string name, string at) =>
        Children(parent, name).FirstOrDefault() ?? throw new ReportFormatException($"{at}/{name}", "This element is missing");

    public static string Attribute(XElement element, string name, string at)
    {
        var value = element.Attribute(name)?.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ReportFormatException($"{at}/@{name}", "This attribute is missing or blank");
        }

        return value.Trim();
    }

    public static string? OptionalAttribute(XElement element, string name) =>
        element.Attribute(name)?.Value is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public static LocalDate Date(XElement element, string name, string at)
    {
        var text = Attribute(element, name, at);
        var parsed = DateText.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new ReportFormatException($"{at}/@{name}", $"'{text}' is not a date (YYYY-MM-DD)");
    }

    /// <summary>Decimal pounds, as ARUDD carries them ("65.00"; formats.md 2.3).</summary>
    public static Money Pounds(XElement element, string name, string at)
    {
        var text = Attribute(element, name, at);
        if (!text.All(c => char.IsAsciiDigit(c) || c == '.') || !MoneyText.TryParse(text, out var money, out var error))
        {
            throw new ReportFormatException($"{at}/@{name}", $"'{text}' is not an amount in pounds and pence");
        }

        return money;
    }

    public static int Count(XElement element, string name, string at)
    {
        var text = Attribute(element, name, at);
        return text.Length <= 9 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : throw new ReportFormatException($"{at}/@{name}", $"'{text}' is not a count");
    }

    /// <summary>Sort codes in reports may carry hyphens ("01-02-03"; formats.md 2.3).</summary>
    public static SortCode SortCode(XElement element, string name, string at)
    {
        var text = Attribute(element, name, at);
        return BankDetails.SortCode.TryParse(text, out var sortCode, out var error)
            ? sortCode
            : throw new ReportFormatException($"{at}/@{name}", error);
    }

    public static AccountNumber AccountNumber(XElement element, string name, string at)
    {
        var text = Attribute(element, name, at);
        return BankDetails.AccountNumber.TryParse(text, out var account, out var error)
            ? account
            : throw new ReportFormatException($"{at}/@{name}", error);
    }

    public static Outcome<T> Parse<T>(string xml, Func<XDocument, T> read)
    {
        try
        {
            return read(Load(xml));
        }
        catch (ReportFormatException e)
        {
            return new Outcome<T>.Invalid(e.Field, e.Message);
        }
    }
}
