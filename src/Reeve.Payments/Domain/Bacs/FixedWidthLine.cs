using System.Globalization;
using System.Text;

namespace Reeve.Payments.Domain.Bacs;

/// <summary>Builds one fixed-width record field by field and checks its length, so a layout slip is a bug caught at once (formats.md 9.1).</summary>
internal sealed class FixedWidthLine
{
    private readonly StringBuilder _text;
    private readonly int _start;

    public FixedWidthLine()
        : this(new StringBuilder())
    {
    }

    /// <summary>Writes straight onto the end of <paramref name="file"/>, so a million records make no string each.</summary>
    public FixedWidthLine(StringBuilder file)
    {
        _text = file;
        _start = file.Length;
    }

    public FixedWidthLine Text(string value, int width)
    {
        if (value.Length > width)
        {
            throw new InvalidOperationException($"'{value}' is wider than its {width}-character field");
        }

        _text.Append(value).Append(' ', width - value.Length);
        return this;
    }

    public FixedWidthLine Number(long value, int width)
    {
        Span<char> digits = stackalloc char[20];
        if (value < 0 || !value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture) || written > width)
        {
            throw new InvalidOperationException($"{value} does not fit a {width}-digit field");
        }

        _text.Append('0', width - written).Append(digits[..written]);
        return this;
    }

    public FixedWidthLine Spaces(int width) => Text("", width);

    public string End(int length)
    {
        Check(length);
        return _text.ToString(_start, length);
    }

    /// <summary>Ends a record written onto a file's builder: checks its length and adds the CRLF.</summary>
    public void EndLine(int length)
    {
        Check(length);
        _text.Append("\r\n");
    }

    private void Check(int length)
    {
        if (_text.Length - _start != length)
        {
            throw new InvalidOperationException($"A record of {_text.Length - _start} characters where Bacs needs {length}: {_text.ToString(_start, _text.Length - _start)}");
        }
    }
}
