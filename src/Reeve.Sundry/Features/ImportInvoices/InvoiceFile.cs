using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Sundry.Features.ImportInvoices;

public enum DocumentType
{
    Invoice = 1,
    CreditNote = 2,
}

/// <summary>What is wrong with an invoice file, and where: the line of the file and the column, by its header name.</summary>
public sealed record InvoiceProblem(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}

/// <summary>A customer as the finance system's extract gives it on an invoice's first line.</summary>
public sealed record CustomerDetails(
    string Number, string? Type, string? Name, string? CompanyNumber, string? Line1, string? Line2, string? Town, string? Postcode);

/// <summary>One line of an invoice or credit note, amounts as positive sums (a credit note's are negative in the file).</summary>
public sealed record DocumentLine(int FileLine, int LineNo, string IncomeCode, string Description, Money Net, string VatCode, Money Vat);

/// <summary>An invoice or credit note: the header its first line gives and every line of it, which come together in the file.</summary>
public sealed class InvoiceDocument(
    int fileLine, DocumentType type, string number, string? invoiceCredited, CustomerDetails customer, string serviceArea, LocalDate date, LocalDate? due)
{
    public int FileLine { get; } = fileLine;
    public DocumentType Type { get; } = type;
    public string Number { get; } = number;
    public string? InvoiceCredited { get; } = invoiceCredited;
    public CustomerDetails Customer { get; } = customer;
    public string ServiceArea { get; } = serviceArea;
    public LocalDate Date { get; } = date;
    public LocalDate? Due { get; } = due;
    public List<DocumentLine> Lines { get; } = [];

    public Money Net => Money.Sum(Lines.Select(l => l.Net));
    public Money Vat => Money.Sum(Lines.Select(l => l.Vat));
    public Money Gross => Net + Vat;

    /// <summary>
    /// A hash of everything the document says: the same invoice in a later file has the same fingerprint and is skipped;
    /// a different invoice under a number already imported does not, and is refused.
    /// </summary>
    public string Fingerprint() => _fingerprint ??= MakeFingerprint();

    private string? _fingerprint;

    private string MakeFingerprint()
    {
        var text = new StringBuilder(64 + (Lines.Count * 48));
        text.Append(Type).Append('|').Append(Number).Append('|').Append(InvoiceCredited).Append('|').Append(Customer.Number).Append('|')
            .Append(ServiceArea).Append('|').Append(DateText.FormatIso(Date)).Append('|').Append(Due is { } d ? DateText.FormatIso(d) : "");
        foreach (var l in Lines)
        {
            text.Append('|').Append(l.LineNo.ToString(CultureInfo.InvariantCulture)).Append(',').Append(l.IncomeCode).Append(',').Append(l.Description)
                .Append(',').Append(l.Net.Pence.ToString(CultureInfo.InvariantCulture)).Append(',').Append(l.VatCode).Append(',').Append(l.Vat.Pence.ToString(CultureInfo.InvariantCulture));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }
}

/// <summary>
/// The nightly receivables extract (docs/domain/sundry-invoices.md): a header line naming the columns, then one line
/// per invoice or credit note line; the lines of one document come together and repeat its header fields. Reads the file
/// once, checking each line on its own and against its document's first line; what needs the council's reference data
/// or what is already imported is checked by the importer. Stops collecting problems at <see cref="MaxProblems"/>.
/// </summary>
public static class InvoiceFile
{
    public const int MaxProblems = 50;

    public static readonly string[] Columns =
    [
        "record_type", "document_number", "invoice_credited", "customer_number", "customer_type", "customer_name", "company_number",
        "address_line1", "address_line2", "town", "postcode", "service_area", "document_date", "due_date", "line_number", "income_code",
        "description", "net", "vat_code", "vat",
    ];

    public static (IReadOnlyList<InvoiceDocument> Documents, IReadOnlyList<InvoiceProblem> Problems, int Lines) Read(TextReader text)
    {
        var documents = new List<InvoiceDocument>();
        var problems = new List<InvoiceProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        InvoiceDocument? current = null;
        var shared = new Shared();
        var lines = 0;
        var header = true;
        try
        {
            foreach (var record in CsvFile.Read(text, ',', firstLineIsHeader: true))
            {
                if (header)
                {
                    header = false;
                    var names = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                    if (!names.SequenceEqual(Columns))
                    {
                        problems.Add(new InvoiceProblem(record.Line, "header", "The first line must name the columns: " + string.Join(",", Columns)));
                        break;
                    }

                    continue;
                }

                lines++;
                try
                {
                    current = ReadLine(record, current, documents, firstLineOf, shared);
                }
                catch (CsvFormatException ex)
                {
                    problems.Add(new InvoiceProblem(ex.Line, ex.Field, ex.Message));
                    if (problems.Count >= MaxProblems)
                    {
                        break;
                    }
                }
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new InvoiceProblem(ex.Line, ex.Field, ex.Message));
        }

        if (header && problems.Count == 0)
        {
            problems.Add(new InvoiceProblem(1, "header", "The file is empty: it must start with the header line"));
        }

        return (documents, problems, lines);
    }

    private static InvoiceDocument ReadLine(CsvRecord r, InvoiceDocument? current, List<InvoiceDocument> documents, Dictionary<string, int> firstLineOf, Shared shared)
    {
        if (r.Count != Columns.Length)
        {
            throw new CsvFormatException(r.Line, "line", $"The line has {r.Count} fields; the layout has {Columns.Length}");
        }

        var type = r.Text(0, "record_type") switch
        {
            "INV" => DocumentType.Invoice,
            "CRN" => DocumentType.CreditNote,
            var other => throw new CsvFormatException(r.Line, "record_type", $"'{other}' is not INV (invoice) or CRN (credit note)"),
        };
        var number = r.Text(1, "document_number");
        if (number.Length > 30)
        {
            throw new CsvFormatException(r.Line, "document_number", "A document number has at most 30 characters");
        }

        var sameDocument = current is not null && current.Number == number;
        if (!sameDocument && firstLineOf.TryGetValue(number, out var seenAt))
        {
            throw new CsvFormatException(r.Line, "document_number",
                $"Duplicate {(type == DocumentType.Invoice ? "invoice" : "credit note")} number {number}: it is already used from line {seenAt}, and a document's lines come together");
        }

        var credited = r.Text(2, "invoice_credited", required: false) is { Length: > 0 } c ? c : null;
        if (type == DocumentType.CreditNote && credited is null)
        {
            throw new CsvFormatException(r.Line, "invoice_credited", "A credit note names the invoice it credits");
        }

        if (type == DocumentType.Invoice && credited is not null)
        {
            throw new CsvFormatException(r.Line, "invoice_credited", "Only a credit note names an invoice credited; leave it blank on an invoice");
        }

        var customer = shared.Customer(Customer(r, type));
        var serviceArea = r.Text(11, "service_area");
        var date = Date(r, 12, "document_date");
        LocalDate? due = r.Text(13, "due_date", required: type == DocumentType.Invoice) is { Length: > 0 } ? Date(r, 13, "due_date") : null;
        if (due is { } d && d < date)
        {
            throw new CsvFormatException(r.Line, "due_date", $"The due date {DateText.FormatIso(d)} is before the invoice date {DateText.FormatIso(date)}");
        }

        var line = Line(r, type, shared);
        if (sameDocument)
        {
            var doc = current!;
            Same(r, "record_type", doc.Type == type, doc);
            Same(r, "invoice_credited", doc.InvoiceCredited == credited, doc);
            Same(r, "customer_number", doc.Customer.Number == customer.Number, doc);
            Same(r, "service_area", doc.ServiceArea == serviceArea, doc);
            Same(r, "document_date", doc.Date == date, doc);
            Same(r, "due_date", doc.Due == due, doc);
            if (doc.Lines.Any(l => l.LineNo == line.LineNo))
            {
                throw new CsvFormatException(r.Line, "line_number", $"Line number {line.LineNo} of {number} appears twice");
            }

            doc.Lines.Add(line);
            return doc;
        }

        var document = new InvoiceDocument(r.Line, type, number, credited, customer, serviceArea, date, due);
        document.Lines.Add(line);
        documents.Add(document);
        firstLineOf[number] = r.Line;
        return document;
    }

    private static void Same(CsvRecord r, string field, bool same, InvoiceDocument doc)
    {
        if (!same)
        {
            throw new CsvFormatException(r.Line, field, $"Differs from line {doc.FileLine}, the first line of {doc.Number}: every line of a document repeats its header");
        }
    }

    private static CustomerDetails Customer(CsvRecord r, DocumentType type)
    {
        // A credit note's customer is its invoice's, so it may leave the customer out; an invoice must say whose it is.
        var number = r.Text(3, "customer_number", required: false);
        if (number.Length == 0)
        {
            return type == DocumentType.CreditNote
                ? new CustomerDetails("", null, null, null, null, null, null, null)
                : throw new CsvFormatException(r.Line, "customer_number", "Missing customer: every invoice names its customer");
        }

        string? Optional(int column, string name) => r.Text(column, name, required: false) is { Length: > 0 } v ? v : null;
        var kind = Optional(4, "customer_type");
        if (kind is not (null or "individual" or "organisation"))
        {
            throw new CsvFormatException(r.Line, "customer_type", $"'{kind}' is not individual or organisation");
        }

        var company = Optional(6, "company_number")?.ToUpperInvariant();
        if (company is not null)
        {
            if (kind != "organisation")
            {
                throw new CsvFormatException(r.Line, "company_number", "Only an organisation has a company number");
            }

            // Companies House numbers are eight characters: eight digits, or a two-letter prefix (SC, NI, OC, ...) and six digits.
            if (company.Length != 8 || !char.IsAsciiLetterOrDigit(company[0]) || !char.IsAsciiLetterOrDigit(company[1]) || !company[2..].All(char.IsAsciiDigit))
            {
                throw new CsvFormatException(r.Line, "company_number", $"'{company}' is not a Companies House number (eight characters, like 01234567 or SC123456)");
            }
        }

        return new CustomerDetails(number, kind, Optional(5, "customer_name"), company, Optional(7, "address_line1"), Optional(8, "address_line2"),
            Optional(9, "town"), Optional(10, "postcode")?.ToUpperInvariant());
    }

    private static DocumentLine Line(CsvRecord r, DocumentType type, Shared shared)
    {
        if (!int.TryParse(r.Text(14, "line_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var lineNo) || lineNo < 1)
        {
            throw new CsvFormatException(r.Line, "line_number", "Must be a whole number from 1");
        }

        var net = Amount(r, 17, "net", type);
        var vat = Amount(r, 19, "vat", type);
        return new DocumentLine(r.Line, lineNo, shared.Text(r.Text(15, "income_code")), shared.Text(r.Text(16, "description", required: false)), net, shared.Text(r.Text(18, "vat_code").ToUpperInvariant()), vat);
    }

    // Invoices carry positive sums and credit notes negative ones; both are held as positive sums with the document's type.
    private static Money Amount(CsvRecord r, int column, string name, DocumentType type)
    {
        if (!MoneyText.TryParse(r.Text(column, name), out var amount, out var error))
        {
            throw new CsvFormatException(r.Line, name, error);
        }

        if (type == DocumentType.Invoice && amount.IsNegative)
        {
            throw new CsvFormatException(r.Line, name, $"A negative amount ({amount.ToPlainString()}) on an invoice: only a credit note (record type CRN) reduces what is owed");
        }

        if (type == DocumentType.CreditNote && amount.IsPositive)
        {
            throw new CsvFormatException(r.Line, name, $"A credit note's amounts are negative; {amount.ToPlainString()} would add to the debt");
        }

        return amount.Abs();
    }

    private static LocalDate Date(CsvRecord r, int column, string name)
    {
        var text = r.Text(column, name);
        var parsed = DateText.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new CsvFormatException(r.Line, name, $"'{text}' is not a date that exists, written as YYYY-MM-DD");
    }

    // A million-line file repeats a few income codes, VAT codes and descriptions, and each customer on every line of
    // every invoice: one copy of each is kept, so what the import holds grows with what differs, not with the lines.
    private sealed class Shared
    {
        private const int MostTexts = 200_000;
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CustomerDetails> _customers = new(StringComparer.Ordinal);

        public string Text(string text)
        {
            if (_texts.TryGetValue(text, out var kept))
            {
                return kept;
            }

            if (_texts.Count < MostTexts)
            {
                _texts[text] = text;
            }

            return text;
        }

        public CustomerDetails Customer(CustomerDetails customer)
        {
            if (_customers.TryGetValue(customer.Number, out var kept) && kept == customer)
            {
                return kept;
            }

            _customers[customer.Number] = customer;
            return customer;
        }
    }
}
