using System.Globalization;
using System.Text;

namespace Reeve.Payments.Domain.Bacs;

/// <summary>Builds one fixed-width record field by field and checks its length, so a layout slip is a bug caught at once (formats.md 9.1).</summary>
internal sealed class FixedWidthLine
{
    private readonly StringBuilder _text = new();

    public FixedWidthLine Text(string value, int width)
    {
        if (value.Length > width)
        {
            throw new InvalidOperationException($"'{value}' is wider than its {width}-character field");
        }

        _text.Append(value.PadRight(width));
        return this;
    }

    public FixedWidthLine Number(long value, int width)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        if (value < 0 || digits.Length > width)
        {
            throw new InvalidOperationException($"{value} does not fit a {width}-digit field");
        }

        _text.Append(digits);
        return this;
    }

    public FixedWidthLine Spaces(int width) => Text("", width);

    public string End(int length)
    {
        if (_text.Length != length)
        {
            throw new InvalidOperationException($"A record of {_text.Length} characters where Bacs needs {length}: {_text}");
        }

        return _text.ToString();
    }
}
