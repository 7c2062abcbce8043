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

    /// <summary>Reeve's own PDF writer and font code (src/Reeve.Letters/Pdf), writing tagged PDF: what a single letter is rendered with.</summary>
    public static ILetterPdfRenderer Own { get; } = new OwnWriterRenderer("own", tagged: true);

    /// <summary>
    /// The own writer without tags, for print files: they go to a print supplier's machines and onto paper, never
    /// to a screen reader, and tags make a print file several times the size (docs/decisions/0035). Each letter
    /// in a print run is also stored on its own, tagged, through <see cref="Render"/>.
    /// </summary>
    public static ILetterPdfRenderer OwnUntagged { get; } = new OwnWriterRenderer("own-untagged", tagged: false);

    /// <summary>The renderer single letters, stored notices and reprints use (docs/decisions/0035).</summary>
    public static ILetterPdfRenderer Default => Own;

    /// <summary>The renderer print runs' files use (docs/decisions/0035).</summary>
    public static ILetterPdfRenderer PrintFiles => OwnUntagged;

    public static byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null) =>
        Default.Render(document, model, size, mark);

    /// <summary>
    /// Many letters in one PDF, in the order given, for a print supplier: each letter starts on a new page and
    /// numbers its own pages ("Page 1 of 2"), and the fonts are embedded once for the whole file. Returns the
    /// file and how many pages each letter took.
    /// </summary>
    public static (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
        IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard) =>
        PrintFiles.RenderBatch(letters, title, size);

    /// <summary>Lays one letter out on the canvas from a new page on and says how many pages it took.</summary>
    internal static int Draw(ILetterCanvas canvas, LetterDocument document, ILetterModel model, PrintSize size, string? mark)
    {
        var scale = size == PrintSize.Large ? 16 / 10.0 : 1.0;
        var layout = new Layout(canvas, model, scale, mark);
        layout.Draw(document);
        return layout.NumberPages();
    }

    private sealed class OwnWriterRenderer(string name, bool tagged) : ILetterPdfRenderer
    {
        public string Name => name;

        public byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null)
        {
            var writer = new PdfWriter();
            Draw(new PdfWriterCanvas(writer, tagged), document, model, size, mark);
            return writer.ToBytes(document.Title);
        }

        public (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
            IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard)
        {
            var writer = new PdfWriter();
            var canvas = new PdfWriterCanvas(writer, tagged);
            var pages = letters.Select(l => Draw(canvas, l.Document, l.Model, size, null)).ToList();
            return (writer.ToBytes(title), pages);
        }
    }

    private sealed class Layout(ILetterCanvas canvas, ILetterModel model, double scale, string? mark)
    {
        private readonly Rgb _brand = Rgb.FromHex(model.Council.BrandColour);
        private readonly int _firstPage = canvas.PageCount;
        private double _y;

        private double Body => 10 * scale;
        private double LineHeight => Body * 0.3528 * 1.35;

        public void Draw(LetterDocument document)
        {
            FirstPage();
            Title(document.Title);
            var inList = false;
            foreach (var block in document.Blocks)
            {
                // Bullets in a row are one list to a screen reader.
                if (inList && block is not LetterBlock.Bullet)
                {
                    canvas.End();
                    inList = false;
                }

                switch (block)
                {
                    case LetterBlock.Heading h:
                        Heading(h.Text);
                        break;
                    case LetterBlock.Paragraph p:
                        canvas.Tagged(LetterPart.Paragraph, () => Paragraph(p.Text, Left, FontWeight.Regular));
                        _y += LineHeight * 0.5;
                        break;
                    case LetterBlock.Bullet b:
                        if (!inList)
                        {
                            canvas.Begin(LetterPart.List);
                            inList = true;
                        }

                        canvas.Begin(LetterPart.ListItem);
                        NeedRoom(LineHeight);
                        canvas.Tagged(LetterPart.ListLabel, () => canvas.Text(Left + 1, _y + (Body * 0.3528), FontWeight.Regular, Body, "•", Rgb.Black));
                        canvas.Tagged(LetterPart.ListBody, () => Paragraph(b.Text, Left + 6, FontWeight.Regular));
                        canvas.End();
                        break;
                    case LetterBlock.Table t:
                        Table(t.Rows);
                        break;
                }
            }

            if (inList)
            {
                canvas.End();
            }

            if (model.SlipAmount is { } amount)
            {
                if (_y > SlipTop - 4)
                {
                    NewPage();
                }

                PaymentSlip(amount);
            }

            canvas.End();
        }

        /// <summary>Numbers this letter's pages and says how many it took.</summary>
        public int NumberPages()
        {
            var total = canvas.PageCount - _firstPage;
            for (var i = 0; i < total; i++)
            {
                var footer = $"Page {i + 1} of {total}";
                var small = 8 * Math.Min(scale, 1.5);
                canvas.GoToPage(_firstPage + i);
                canvas.Tagged(LetterPart.Artifact, () =>
                    canvas.Text(105 - (canvas.Measure(FontWeight.Regular, small, footer) / 2), 290, FontWeight.Regular, small, footer, Rgb.Grey));
            }

            return total;
        }

        private void FirstPage()
        {
            canvas.AddPage();
            canvas.Begin(LetterPart.Letter);
            var council = model.Council;

            // The logo area: the council's colour with its name, top left.
            canvas.Tagged(LetterPart.Artifact, () =>
            {
                canvas.FillRect(0, 0, 210, 6, _brand);
                canvas.FillRect(Left, 12, 70, 20, _brand);
            });
            var nameLines = Wrap(council.Name, FontWeight.Bold, 12, 64);
            canvas.Tagged(LetterPart.Paragraph, () =>
            {
                for (var i = 0; i < nameLines.Count; i++)
                {
                    canvas.Text(Left + 3, 19 + (i * 5.5), FontWeight.Bold, 12, nameLines[i], Rgb.White);
                }
            });

            if (mark is not null)
            {
                canvas.Tagged(LetterPart.Paragraph, () => canvas.Text(Left + 76, 22, FontWeight.Bold, 20, mark, new Rgb(0.8, 0.1, 0.1)));
            }

            // A detail the council has not set yet is left off the letterhead rather than printed as "(not set)".
            var contact = council.AddressLines.Concat([council.Telephone, council.Website, council.Email])
                .Where(line => line != CouncilLetterDetails.NotSet).ToList();
            canvas.Tagged(LetterPart.Paragraph, () =>
            {
                for (var i = 0; i < contact.Count; i++)
                {
                    canvas.Text(130, 15 + (i * 3.8), FontWeight.Regular, 8, contact[i], Rgb.Grey);
                }
            });

            // The address window of a DL or C5 window envelope: 20 mm from the left edge and from 45 mm down, 90 by
            // 40 mm (the common envelope layout; no rule of law). The return address sits small on its top line.
            var returnTo = "If undelivered please return to " + string.Join(", ", council.AddressLines.Prepend(council.Name));
            canvas.Tagged(LetterPart.Paragraph, () => canvas.Text(Left + 2, 48, FontWeight.Regular, 6, Fit(returnTo, FontWeight.Regular, 6, 86), Rgb.Grey));
            var address = new[] { model.Recipient.Name }.Concat(model.Recipient.Address.Lines).Append(model.Recipient.Address.Postcode).ToList();
            var addressSize = scale > 1 ? 12.0 : 10.5;
            canvas.Tagged(LetterPart.Paragraph, () =>
            {
                for (var i = 0; i < address.Count; i++)
                {
                    canvas.Text(Left + 2, 54 + (i * addressSize * 0.3528 * 1.3), FontWeight.Regular, addressSize, address[i], Rgb.Black);
                }
            });

            var facts = new (string Label, string Value)[]
            {
                model.Reference,
                ("Date", DateText.LongForm.Format(model.IssuedOn)),
            };
            var y = 54.0;
            foreach (var (label, value) in facts)
            {
                canvas.Begin(LetterPart.Paragraph);
                canvas.Text(130, y, FontWeight.Regular, 8.5 * Math.Min(scale, 1.3), label, Rgb.Grey);
                canvas.Text(130, y + (5 * Math.Min(scale, 1.3)), FontWeight.Bold, 10.5 * Math.Min(scale, 1.3), value, Rgb.Black);
                canvas.End();
                y += 12 * Math.Min(scale, 1.3);
            }

            _y = BodyTop;
        }

        private void NewPage()
        {
            canvas.AddPage();
            canvas.Tagged(LetterPart.Artifact, () =>
            {
                canvas.FillRect(0, 0, 210, 6, _brand);
                canvas.Text(Left, 14, FontWeight.Regular, 8, model.Council.Name + " · " + (model.Reference.Label == "Account reference" ? "account" : model.Reference.Label.ToLowerInvariant()) + " " + model.Reference.Value, Rgb.Grey);
            });
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
            canvas.Begin(LetterPart.Title);
            foreach (var line in Wrap(title, FontWeight.Bold, size, Width))
            {
                canvas.Text(Left, _y, FontWeight.Bold, size, line, Rgb.Black);
                _y += size * 0.3528 * 1.3;
            }

            canvas.End();
            _y += 3;
        }

        private void Heading(string text)
        {
            var size = 12 * scale;
            // Keep a heading with at least two lines of what follows it.
            NeedRoom((size * 0.3528 * 1.4) + (LineHeight * 3));
            _y += 2;
            canvas.Begin(LetterPart.Heading);
            foreach (var line in Wrap(text, FontWeight.Bold, size, Width))
            {
                _y += size * 0.3528;
                canvas.Text(Left, _y, FontWeight.Bold, size, line, _brand);
                _y += size * 0.3528 * 0.5;
            }

            canvas.End();
            _y += 1;
        }

        private void Paragraph(string text, double x, FontWeight weight)
        {
            foreach (var line in Wrap(text, weight, Body, Right - x))
            {
                NeedRoom(LineHeight);
                canvas.Text(x, _y + (Body * 0.3528), weight, Body, line, Rgb.Black);
                _y += LineHeight;
            }
        }

        private void Table(IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var columns = rows.Max(r => r.Count);
            var widths = new double[columns];
            for (var c = 1; c < columns; c++)
            {
                widths[c] = rows.Max(r => c < r.Count ? canvas.Measure(c == 0 || r == rows[0] ? FontWeight.Bold : FontWeight.Regular, Body, r[c]) : 0) + 5;
            }

            widths[0] = Width - widths.Skip(1).Sum();
            var numeric = Enumerable.Range(0, columns).Select(c => c > 0 && rows.Skip(1).All(r => c >= r.Count || LooksNumeric(r[c]))).ToArray();
            _y += 1;
            canvas.Begin(LetterPart.Table);
            for (var r = 0; r < rows.Count; r++)
            {
                var weight = r == 0 || (r == rows.Count - 1 && rows[r][0].StartsWith("Amount due", StringComparison.Ordinal)) ? FontWeight.Bold : FontWeight.Regular;
                var cells = Enumerable.Range(0, columns).Select(c => Wrap(c < rows[r].Count ? rows[r][c] : "", weight, Body, widths[c] - 3)).ToList();
                var height = (cells.Max(l => l.Count) * LineHeight) + 0.8;
                NeedRoom(height);
                canvas.Begin(LetterPart.TableRow);
                if (r == 0)
                {
                    canvas.Tagged(LetterPart.Artifact, () => canvas.FillRect(Left, _y, Width, height, Rgb.Pale));
                }

                var x = Left;
                for (var c = 0; c < columns; c++)
                {
                    canvas.Begin(r == 0 ? LetterPart.TableHeaderCell : LetterPart.TableCell);
                    for (var l = 0; l < cells[c].Count; l++)
                    {
                        var baseline = _y + 0.5 + (l * LineHeight) + (Body * 0.3528);
                        if (numeric[c])
                        {
                            canvas.TextRight(x + widths[c] - 1.5, baseline, weight, Body, cells[c][l], Rgb.Black);
                        }
                        else
                        {
                            canvas.Text(x + 1.5, baseline, weight, Body, cells[c][l], Rgb.Black);
                        }
                    }

                    canvas.End();
                    x += widths[c];
                }

                _y += height;
                canvas.Tagged(LetterPart.Artifact, () => canvas.Line(Left, _y, Right, _y, 0.4, Rgb.Grey));
                canvas.End();
            }

            canvas.End();
            _y += LineHeight * 0.7;
        }

        private void PaymentSlip(Money amount)
        {
            var council = model.Council;
            var reference = model.AccountReference.Value;
            canvas.Tagged(LetterPart.Artifact, () => canvas.Line(0, SlipTop, 210, SlipTop, 0.6, Rgb.Grey, dashed: true));
            canvas.Tagged(LetterPart.Paragraph, () => canvas.Text(Left, SlipTop + 4, FontWeight.Regular, 7, "Detach this slip and bring it with your payment", Rgb.Grey));
            var size = 10.5 * Math.Min(scale, 1.4);
            var y = SlipTop + 12;
            canvas.Tagged(LetterPart.Heading, () => canvas.Text(Left, y, FontWeight.Bold, size * 1.2, "Payment slip", Rgb.Black));
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
                canvas.Begin(LetterPart.Paragraph);
                canvas.Text(Left, y, FontWeight.Regular, size, label + ":", Rgb.Grey);
                foreach (var line in Wrap(value, FontWeight.Bold, size, 75))
                {
                    canvas.Text(Left + 38, y, FontWeight.Bold, size, line, Rgb.Black);
                    y += size * 0.3528 * 1.5;
                }

                canvas.End();
            }

            // Code 128 of the reference, with quiet zones of ten modules either side (ISO/IEC 15417). The bars are
            // an artifact: the reference is printed under them, and that text is what a screen reader reads.
            var modules = Code128.Modules(reference);
            const double module = 0.33;
            var barsLeft = Right - (modules.Length * module) - 10;
            var barsTop = SlipTop + 22;
            canvas.Begin(LetterPart.Artifact);
            for (var i = 0; i < modules.Length; i++)
            {
                if (modules[i] == '1')
                {
                    canvas.FillRect(barsLeft + (i * module), barsTop, module, 15, Rgb.Black);
                }
            }

            canvas.End();
            canvas.Tagged(LetterPart.Paragraph, () => canvas.Text(barsLeft, barsTop + 20, FontWeight.Regular, 9, reference, Rgb.Black));
        }

        private static bool LooksNumeric(string cell) =>
            cell.Length > 0 && (cell[0] is '£' or '-' || char.IsAsciiDigit(cell[0])) && !cell.Contains(' ', StringComparison.Ordinal)
            || cell.EndsWith('%') || cell == "new";

        private string Fit(string text, FontWeight weight, double size, double widthMm)
        {
            while (text.Length > 1 && canvas.Measure(weight, size, text) > widthMm)
            {
                text = text[..^2] + "…";
            }

            return text;
        }

        private List<string> Wrap(string text, FontWeight weight, double size, double widthMm)
        {
            // Widths add up (neither canvas kerns), so a line's width grows by the space and the word rather than
            // being measured again in full for every word.
            var lines = new List<string>();
            var line = "";
            var lineWidth = 0.0;
            var space = canvas.Measure(weight, size, " ");
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = canvas.Measure(weight, size, word);
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
