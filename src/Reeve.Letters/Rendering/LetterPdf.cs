using Reeve.Kernel;
using Reeve.Letters.Pdf;

namespace Reeve.Letters;

/// <summary>Standard print, or large print (body text 16 point and up, as RNIB's clear print guidance asks).</summary>
public enum PrintSize
{
    Standard,
    Large,
}

/// <summary>
/// Draws a filled-in letter on A4: the council's band and name, its contact details, the address where a DL or
/// C5 window envelope shows it, the reference block, the body, page numbers and, when the letter asks for
/// money, a tear-off payment slip with a Code 128 barcode of the account reference. Everything is drawn in
/// reading order, top to bottom, so text extraction and screen readers meet it as a person reads it.
/// </summary>
public static class LetterPdf
{
    private const double Left = 20;
    private const double Right = 190;
    private const double Width = Right - Left;
    private const double BodyTop = 92;
    private const double BodyBottom = 277;
    private const double SlipTop = 205;

    public static byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null)
    {
        var writer = new PdfWriter();
        Draw(writer, document, model, size, mark);
        return writer.ToBytes(document.Title);
    }

    /// <summary>
    /// Many letters in one PDF, in the order given, for a print supplier: each letter starts on a new page and
    /// numbers its own pages ("Page 1 of 2"), and the fonts are embedded once for the whole file. Returns the
    /// file and how many pages each letter took.
    /// </summary>
    public static (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
        IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard)
    {
        var writer = new PdfWriter();
        var pages = letters.Select(l => Draw(writer, l.Document, l.Model, size, null)).ToList();
        return (writer.ToBytes(title), pages);
    }

    private static int Draw(PdfWriter writer, LetterDocument document, ILetterModel model, PrintSize size, string? mark)
    {
        var scale = size == PrintSize.Large ? 16 / 10.0 : 1.0;
        var layout = new Layout(writer, model, scale, mark);
        layout.Draw(document);
        return layout.NumberPages();
    }

    private sealed class Layout(PdfWriter writer, ILetterModel model, double scale, string? mark)
    {
        private readonly Rgb _brand = Rgb.FromHex(model.Council.BrandColour);
        private readonly int _firstPage = writer.Pages.Count;
        private PdfPage _page = null!;
        private double _y;

        private double Body => 10 * scale;
        private double LineHeight => Body * 0.3528 * 1.35;

        public void Draw(LetterDocument document)
        {
            FirstPage();
            Title(document.Title);
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case LetterBlock.Heading h:
                        Heading(h.Text);
                        break;
                    case LetterBlock.Paragraph p:
                        Paragraph(p.Text, Left, FontWeight.Regular);
                        _y += LineHeight * 0.5;
                        break;
                    case LetterBlock.Bullet b:
                        NeedRoom(LineHeight);
                        _page.Text(Left + 1, _y + (Body * 0.3528), FontWeight.Regular, Body, "•", Rgb.Black);
                        Paragraph(b.Text, Left + 6, FontWeight.Regular);
                        break;
                    case LetterBlock.Table t:
                        Table(t.Rows);
                        break;
                }
            }

            if (model.SlipAmount is { } amount)
            {
                if (_y > SlipTop - 4)
                {
                    NewPage();
                }

                PaymentSlip(amount);
            }
        }

        /// <summary>Numbers this letter's pages and says how many it took.</summary>
        public int NumberPages()
        {
            var total = writer.Pages.Count - _firstPage;
            for (var i = 0; i < total; i++)
            {
                var footer = $"Page {i + 1} of {total}";
                var small = 8 * Math.Min(scale, 1.5);
                _page = writer.Pages[_firstPage + i];
                _page.Text(105 - (PdfWriter.Measure(FontWeight.Regular, small, footer) / 2), 290, FontWeight.Regular, small, footer, Rgb.Grey);
            }

            return total;
        }

        private void FirstPage()
        {
            _page = writer.AddPage();
            var council = model.Council;

            // The logo area: the council's colour with its name, top left.
            _page.FillRect(0, 0, 210, 6, _brand);
            _page.FillRect(Left, 12, 70, 20, _brand);
            var nameLines = Wrap(council.Name, FontWeight.Bold, 12, 64);
            for (var i = 0; i < nameLines.Count; i++)
            {
                _page.Text(Left + 3, 19 + (i * 5.5), FontWeight.Bold, 12, nameLines[i], Rgb.White);
            }

            if (mark is not null)
            {
                _page.Text(Left + 76, 22, FontWeight.Bold, 20, mark, new Rgb(0.8, 0.1, 0.1));
            }

            // A detail the council has not set yet is left off the letterhead rather than printed as "(not set)".
            var contact = council.AddressLines.Concat([council.Telephone, council.Website, council.Email])
                .Where(line => line != CouncilLetterDetails.NotSet).ToList();
            for (var i = 0; i < contact.Count; i++)
            {
                _page.Text(130, 15 + (i * 3.8), FontWeight.Regular, 8, contact[i], Rgb.Grey);
            }

            // The address window of a DL or C5 window envelope: 20 mm from the left edge and from 45 mm down, 90 by
            // 40 mm (the common envelope layout; no rule of law). The return address sits small on its top line.
            var returnTo = "If undelivered please return to " + string.Join(", ", council.AddressLines.Prepend(council.Name));
            _page.Text(Left + 2, 48, FontWeight.Regular, 6, Fit(returnTo, FontWeight.Regular, 6, 86), Rgb.Grey);
            var address = new[] { model.Recipient.Name }.Concat(model.Recipient.Address.Lines).Append(model.Recipient.Address.Postcode).ToList();
            var addressSize = scale > 1 ? 12.0 : 10.5;
            for (var i = 0; i < address.Count; i++)
            {
                _page.Text(Left + 2, 54 + (i * addressSize * 0.3528 * 1.3), FontWeight.Regular, addressSize, address[i], Rgb.Black);
            }

            var facts = new (string Label, string Value)[]
            {
                ("Account reference", model.AccountReference.Value),
                ("Date", DateText.LongForm.Format(model.IssuedOn)),
            };
            var y = 54.0;
            foreach (var (label, value) in facts)
            {
                _page.Text(130, y, FontWeight.Regular, 8.5 * Math.Min(scale, 1.3), label, Rgb.Grey);
                _page.Text(130, y + (5 * Math.Min(scale, 1.3)), FontWeight.Bold, 10.5 * Math.Min(scale, 1.3), value, Rgb.Black);
                y += 12 * Math.Min(scale, 1.3);
            }

            _y = BodyTop;
        }

        private void NewPage()
        {
            _page = writer.AddPage();
            _page.FillRect(0, 0, 210, 6, _brand);
            _page.Text(Left, 14, FontWeight.Regular, 8, model.Council.Name + " · account " + model.AccountReference.Value, Rgb.Grey);
            _y = 24;
        }

        private void NeedRoom(double heightMm)
        {
            if (_y + heightMm > BodyBottom)
            {
                NewPage();
            }
        }

        private void Title(string title)
        {
            var size = 16 * scale;
            foreach (var line in Wrap(title, FontWeight.Bold, size, Width))
            {
                _page.Text(Left, _y, FontWeight.Bold, size, line, Rgb.Black);
                _y += size * 0.3528 * 1.3;
            }

            _y += 3;
        }

        private void Heading(string text)
        {
            var size = 12 * scale;
            // Keep a heading with at least two lines of what follows it.
            NeedRoom((size * 0.3528 * 1.4) + (LineHeight * 3));
            _y += 2;
            foreach (var line in Wrap(text, FontWeight.Bold, size, Width))
            {
                _y += size * 0.3528;
                _page.Text(Left, _y, FontWeight.Bold, size, line, _brand);
                _y += size * 0.3528 * 0.5;
            }

            _y += 1;
        }

        private void Paragraph(string text, double x, FontWeight weight)
        {
            foreach (var line in Wrap(text, weight, Body, Right - x))
            {
                NeedRoom(LineHeight);
                _page.Text(x, _y + (Body * 0.3528), weight, Body, line, Rgb.Black);
                _y += LineHeight;
            }
        }

        private void Table(IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var columns = rows.Max(r => r.Count);
            var widths = new double[columns];
            for (var c = 1; c < columns; c++)
            {
                widths[c] = rows.Max(r => c < r.Count ? PdfWriter.Measure(c == 0 || r == rows[0] ? FontWeight.Bold : FontWeight.Regular, Body, r[c]) : 0) + 5;
            }

            widths[0] = Width - widths.Skip(1).Sum();
            var numeric = Enumerable.Range(0, columns).Select(c => c > 0 && rows.Skip(1).All(r => c >= r.Count || LooksNumeric(r[c]))).ToArray();
            _y += 1;
            for (var r = 0; r < rows.Count; r++)
            {
                var weight = r == 0 || (r == rows.Count - 1 && rows[r][0].StartsWith("Amount due", StringComparison.Ordinal)) ? FontWeight.Bold : FontWeight.Regular;
                var cells = Enumerable.Range(0, columns).Select(c => Wrap(c < rows[r].Count ? rows[r][c] : "", weight, Body, widths[c] - 3)).ToList();
                var height = (cells.Max(l => l.Count) * LineHeight) + 0.8;
                NeedRoom(height);
                if (r == 0)
                {
                    _page.FillRect(Left, _y, Width, height, Rgb.Pale);
                }

                var x = Left;
                for (var c = 0; c < columns; c++)
                {
                    for (var l = 0; l < cells[c].Count; l++)
                    {
                        var baseline = _y + 0.5 + (l * LineHeight) + (Body * 0.3528);
                        if (numeric[c])
                        {
                            _page.TextRight(x + widths[c] - 1.5, baseline, weight, Body, cells[c][l], Rgb.Black);
                        }
                        else
                        {
                            _page.Text(x + 1.5, baseline, weight, Body, cells[c][l], Rgb.Black);
                        }
                    }

                    x += widths[c];
                }

                _y += height;
                _page.Line(Left, _y, Right, _y, 0.4, Rgb.Grey);
            }

            _y += LineHeight * 0.7;
        }

        private void PaymentSlip(Money amount)
        {
            var council = model.Council;
            var reference = model.AccountReference.Value;
            _page.Line(0, SlipTop, 210, SlipTop, 0.6, Rgb.Grey, dashed: true);
            _page.Text(Left, SlipTop + 4, FontWeight.Regular, 7, "Detach this slip and bring it with your payment", Rgb.Grey);
            var size = 10.5 * Math.Min(scale, 1.4);
            var y = SlipTop + 12;
            _page.Text(Left, y, FontWeight.Bold, size * 1.2, "Payment slip", Rgb.Black);
            y += size * 0.3528 * 2;
            var lines = new (string Label, string Value)[]
            {
                ("Pay to", council.Name),
                ("Account reference", reference),
                ("Name", model.Recipient.Name),
                ("Amount", amount.ToDisplayString()),
                ("Bank transfer", $"sort code {council.BankSortCode}, account {council.BankAccountNumber}, quoting {reference}"),
            };
            foreach (var (label, value) in lines)
            {
                _page.Text(Left, y, FontWeight.Regular, size, label + ":", Rgb.Grey);
                foreach (var line in Wrap(value, FontWeight.Bold, size, 75))
                {
                    _page.Text(Left + 38, y, FontWeight.Bold, size, line, Rgb.Black);
                    y += size * 0.3528 * 1.5;
                }
            }

            // Code 128 of the reference, with quiet zones of ten modules either side (ISO/IEC 15417).
            var modules = Code128.Modules(reference);
            const double module = 0.33;
            var barsLeft = Right - (modules.Length * module) - 10;
            var barsTop = SlipTop + 22;
            for (var i = 0; i < modules.Length; i++)
            {
                if (modules[i] == '1')
                {
                    _page.FillRect(barsLeft + (i * module), barsTop, module, 15, Rgb.Black);
                }
            }

            _page.Text(barsLeft, barsTop + 20, FontWeight.Regular, 9, reference, Rgb.Black);
        }

        private static bool LooksNumeric(string cell) =>
            cell.Length > 0 && (cell[0] is '£' or '-' || char.IsAsciiDigit(cell[0])) && !cell.Contains(' ', StringComparison.Ordinal)
            || cell.EndsWith('%') || cell == "new";

        private static string Fit(string text, FontWeight weight, double size, double widthMm)
        {
            while (text.Length > 1 && PdfWriter.Measure(weight, size, text) > widthMm)
            {
                text = text[..^2] + "…";
            }

            return text;
        }

        private static List<string> Wrap(string text, FontWeight weight, double size, double widthMm)
        {
            // Widths add up (the writer does no kerning), so a line's width grows by the space and the word
            // rather than being measured again in full for every word.
            var lines = new List<string>();
            var line = "";
            var lineWidth = 0.0;
            var space = PdfWriter.Measure(weight, size, " ");
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = PdfWriter.Measure(weight, size, word);
                if (line.Length > 0 && lineWidth + space + wordWidth > widthMm)
                {
                    lines.Add(line);
                    (line, lineWidth) = (word, wordWidth);
                }
                else
                {
                    (line, lineWidth) = line.Length == 0 ? (word, wordWidth) : (line + " " + word, lineWidth + space + wordWidth);
                }
            }

            if (line.Length > 0 || lines.Count == 0)
            {
                lines.Add(line);
            }

            return lines;
        }
    }
}
