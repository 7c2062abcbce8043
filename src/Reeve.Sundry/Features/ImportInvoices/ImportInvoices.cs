#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Sundry.Domain;
using Reeve.Sundry.Features.SetUpServiceAreas;

namespace Reeve.Sundry.Features.ImportInvoices;

/// <summary>
/// The nightly import of invoices and credit notes from the council's finance system (docs/domain/sundry-invoices.md).
/// All or nothing: every line is checked (the file's own rules, then against the service areas, income codes, VAT rates,
/// customers and documents already imported) before anything is written, and a file with any problem is refused whole,
/// naming each line and column at fault. Idempotent: the same file again is recognised by its hash and posts nothing;
/// an invoice already imported in another file is skipped when it is the same and refused when it is not. Each new
/// invoice becomes a sundry account of its own, liable to its customer's party, charged its gross through the Ledger;
/// a credit note is an adjustment on the account of the invoice it credits.
/// </summary>
public static class ImportInvoices
{
    public sealed record Request(CouncilId Council, string FileName, byte[] Content, string Officer);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Imported(ImportReport Report) : Result;

        public sealed record AlreadyImported(long ImportId, string FileName, Instant ImportedAt) : Result;

        public sealed record Refused(IReadOnlyList<InvoiceProblem> Problems) : Result;
    }

    public sealed record ImportReport(
        long ImportId,
        int Lines,
        int InvoicesPosted,
        int CreditNotesPosted,
        int DocumentsAlreadyImported,
        Money Charged,
        Money Credited,
        int EntriesPosted,
        IReadOnlyList<CustomerMatch> Customers)
    {
        public int CustomersCount(CustomerOutcome outcome) => Customers.Count(c => c.Outcome == outcome);
    }

    private const string SourceOfCredit = "Credit note raised by the service area: the invoice is reduced by a new entry, not edited";

    /// <summary>Runs the import in a transaction of its own, committed only when the file is imported (a refusal writes nothing).</summary>
    public static Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, CancellationToken ct = default) =>
        ImportAsync(db, request, now, ImportFinish.Commit, ct);

    /// <summary>
    /// Runs the import in a transaction of its own, ended by <paramref name="finish"/> when the file is imported: committed
    /// (with what the caller writes alongside), or rolled back as a preview of exactly what the import would post. A refusal
    /// or a file seen before writes nothing.
    /// </summary>
    public static Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        finish.RunAsync(db, (connection, tx) => ImportAsync(connection, tx, request, now, ct), result => result is Result.Imported, ct);

    /// <summary>Runs the import inside the caller's transaction; the caller commits only an <see cref="Result.Imported"/>.</summary>
    public static async Task<Result> ImportAsync(DbConnection connection, DbTransaction tx, Request request, Instant now, CancellationToken ct = default)
    {
        var council = request.Council;
        var hash = Convert.ToHexString(SHA256.HashData(request.Content));
        var before = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            "select import_id, file_name, imported_at from sundry_invoice_import where council_id = @council and file_hash = @hash",
            new { council = council.Value, hash }, tx);
        if (before is not null)
        {
            return new Result.AlreadyImported(before.import_id, before.file_name, before.imported_at);
        }

        IReadOnlyList<InvoiceDocument> documents;
        int lineCount;
        using (var reader = new StreamReader(new MemoryStream(request.Content, writable: false)))
        {
            (documents, var fileProblems, lineCount) = InvoiceFile.Read(reader);
            if (fileProblems.Count > 0)
            {
                return new Result.Refused(fileProblems);
            }
        }

        var problems = new List<InvoiceProblem>();
        await CheckReferenceDataAsync(connection, tx, council, documents, problems);
        var known = await ExistingAsync(connection, tx, council, documents);
        var fresh = new List<InvoiceDocument>(documents.Count);
        var alreadyImported = 0;
        foreach (var doc in documents)
        {
            if (known.Documents.TryGetValue(doc.Number, out var existing))
            {
                if (existing.Type == doc.Type && existing.Fingerprint == doc.Fingerprint())
                {
                    alreadyImported++;
                }
                else
                {
                    problems.Add(new InvoiceProblem(doc.FileLine, "document_number",
                        $"Duplicate invoice number: {doc.Number} was imported before (import {existing.ImportId}) as a different {(existing.Type == DocumentType.Invoice ? "invoice" : "credit note")}; a correction is a credit note, never a new invoice under the same number"));
                }

                continue;
            }

            if (doc.Gross.IsZero)
            {
                problems.Add(new InvoiceProblem(doc.FileLine, "net", $"{doc.Number} comes to 0.00: there is nothing to {(doc.Type == DocumentType.Invoice ? "charge" : "credit")}"));
                continue;
            }

            fresh.Add(doc);
        }

        CheckCredits(fresh, known, problems);
        var customers = await MatchCustomersAsync(connection, tx, council, fresh.Where(d => d.Type == DocumentType.Invoice).ToList(), problems);
        if (problems.Count > 0)
        {
            return new Result.Refused([.. problems.OrderBy(p => p.Line).Take(InvoiceFile.MaxProblems)]);
        }

        return new Result.Imported(await WriteAsync(connection, tx, request, hash, now, lineCount, fresh, alreadyImported, known, customers, ct));
    }

    private static async Task CheckReferenceDataAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<InvoiceDocument> documents, List<InvoiceProblem> problems)
    {
        var areas = (await ServiceAreas.AllAsync(connection, council, tx)).ToDictionary(a => a.Code, StringComparer.Ordinal);
        var codes = (await ServiceAreas.IncomeCodesAsync(connection, council, tx)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var rates = (await ServiceAreas.VatRatesAsync(connection, tx)).GroupBy(r => r.VatCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.EffectiveFrom).ToList(), StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            if (!areas.ContainsKey(doc.ServiceArea))
            {
                problems.Add(new InvoiceProblem(doc.FileLine, "service_area", $"There is no service area {doc.ServiceArea}"));
                continue;
            }

            foreach (var line in doc.Lines)
            {
                if (!codes.TryGetValue(line.IncomeCode, out var code))
                {
                    problems.Add(new InvoiceProblem(line.FileLine, "income_code", $"There is no income code {line.IncomeCode}"));
                }
                else if (code.ServiceArea != doc.ServiceArea)
                {
                    problems.Add(new InvoiceProblem(line.FileLine, "income_code", $"Income code {line.IncomeCode} belongs to service area {code.ServiceArea}, not {doc.ServiceArea}"));
                }
                else if (line.VatCode != code.VatCode)
                {
                    problems.Add(new InvoiceProblem(line.FileLine, "vat_code", $"VAT code {line.VatCode} is not income code {line.IncomeCode}'s ({code.VatCode})"));
                }
                else if (!rates.TryGetValue(line.VatCode, out var history) || history.FirstOrDefault(r => r.EffectiveFrom <= doc.Date) is not { } rate)
                {
                    problems.Add(new InvoiceProblem(line.FileLine, "vat_code", $"VAT code {line.VatCode} has no rate in force on {DateText.FormatIso(doc.Date)}"));
                }
                else if (VatCheck.Check(line.Net, line.Vat, rate.RateBasisPoints) is (false, var expected))
                {
                    problems.Add(new InvoiceProblem(line.FileLine, "vat",
                        $"VAT {line.Vat.ToPlainString()} does not match code {line.VatCode} ({rate.Description}, {Percent.Format(rate.RateBasisPoints)}%): on a net {line.Net.ToPlainString()} it is {expected.ToPlainString()}"));
                }
            }
        }
    }

    private sealed record KnownDocument(DocumentType Type, string Fingerprint, long ImportId);

    private sealed record KnownInvoice(long AccountId, Money Gross, Money Credited);

    private sealed record Known(Dictionary<string, KnownDocument> Documents, Dictionary<string, KnownInvoice> Invoices);

    private static async Task<Known> ExistingAsync(DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<InvoiceDocument> documents)
    {
        var dialect = SqlDialect.Of(connection);
        var numbers = documents.Select(d => d.Number).Concat(documents.Where(d => d.InvoiceCredited is not null).Select(d => d.InvoiceCredited!))
            .Distinct(StringComparer.Ordinal).ToList();
        var docs = new Dictionary<string, KnownDocument>(StringComparer.Ordinal);
        var invoices = new Dictionary<string, KnownInvoice>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(dialect.Provider == DatabaseProvider.Postgres ? 50_000 : 500))
        {
            var args = new { council = council.Value, numbers = chunk };
            foreach (var row in await connection.QueryAsync<InvoiceRow>(
                "select i.invoice_number, i.account_id, i.gross_pence, i.fingerprint, i.import_id, " +
                "coalesce((select sum(c.gross_pence) from sundry_credit_note c where c.council_id = i.council_id and c.invoice_number = i.invoice_number), 0) as credited_pence " +
                "from sundry_invoice i where i.council_id = @council and i.invoice_number " + dialect.AnyOf("numbers"), args, tx))
            {
                docs[row.invoice_number] = new KnownDocument(DocumentType.Invoice, row.fingerprint, row.import_id);
                invoices[row.invoice_number] = new KnownInvoice(row.account_id, Money.FromPence(row.gross_pence), Money.FromPence(row.credited_pence));
            }

            foreach (var row in await connection.QueryAsync<CreditNoteRow>(
                "select credit_note_number, fingerprint, import_id from sundry_credit_note where council_id = @council and credit_note_number " + dialect.AnyOf("numbers"), args, tx))
            {
                docs[row.credit_note_number] = new KnownDocument(DocumentType.CreditNote, row.fingerprint, row.import_id);
            }
        }

        return new Known(docs, invoices);
    }

    // A credit note reduces an invoice already imported or one earlier in the same file, and never below nothing.
    private static void CheckCredits(List<InvoiceDocument> fresh, Known known, List<InvoiceProblem> problems)
    {
        var newInvoices = new Dictionary<string, InvoiceDocument>(StringComparer.Ordinal);
        var credited = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var doc in fresh)
        {
            if (doc.Type == DocumentType.Invoice)
            {
                newInvoices[doc.Number] = doc;
                continue;
            }

            var number = doc.InvoiceCredited!;
            Money gross, creditedBefore;
            if (known.Invoices.TryGetValue(number, out var old))
            {
                (gross, creditedBefore) = (old.Gross, old.Credited);
            }
            else if (newInvoices.TryGetValue(number, out var sameFile))
            {
                (gross, creditedBefore) = (sameFile.Gross, Money.Zero);
            }
            else
            {
                problems.Add(new InvoiceProblem(doc.FileLine, "invoice_credited", $"There is no invoice {number} to credit (a credit note comes after its invoice)"));
                continue;
            }

            var soFar = credited.GetValueOrDefault(number, creditedBefore);
            if (soFar + doc.Gross > gross)
            {
                problems.Add(new InvoiceProblem(doc.FileLine, "net",
                    $"Credit note {doc.Number} for {doc.Gross.ToPlainString()} is more than the {(gross - soFar).ToPlainString()} left to credit on invoice {number}"));
                continue;
            }

            credited[number] = soFar + doc.Gross;
        }
    }

    private sealed record NewCustomer(CustomerDetails Details, NameParts Name, LocalDate KnownFrom);

    private sealed record Customers(
        Dictionary<string, long> PartyOf, List<CustomerMatch> Report, List<NewCustomer> ToCreate, List<(CustomerDetails Details, long PartyId, string How)> ToLink);

    private static async Task<Customers> MatchCustomersAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, List<InvoiceDocument> invoices, List<InvoiceProblem> problems)
    {
        var dialect = SqlDialect.Of(connection);
        var partyOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var numbers = invoices.Select(i => i.Customer.Number).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in numbers.Chunk(dialect.Provider == DatabaseProvider.Postgres ? 50_000 : 500))
        {
            foreach (var row in await connection.QueryAsync<CustomerRow>(
                "select customer_number, party_id from sundry_customer where council_id = @council and customer_number " + dialect.AnyOf("numbers"),
                new { council = council.Value, numbers = chunk }, tx))
            {
                partyOf[row.customer_number] = row.party_id;
            }
        }

        var report = new List<CustomerMatch>();
        var unknown = new Dictionary<string, NewCustomer>(StringComparer.Ordinal);
        foreach (var invoice in invoices)
        {
            var c = invoice.Customer;
            if (partyOf.ContainsKey(c.Number) || unknown.ContainsKey(c.Number))
            {
                continue;
            }

            if (c.Name is null)
            {
                problems.Add(new InvoiceProblem(invoice.FileLine, "customer_name", $"Missing customer: customer {c.Number} is not known to Reeve and the line gives no name"));
            }
            else if (c.Type is null)
            {
                problems.Add(new InvoiceProblem(invoice.FileLine, "customer_type", $"Customer {c.Number} is new: say whether it is an individual or an organisation"));
            }
            else if (CustomerNames.Parse(c.Type, c.Name) is not { } name)
            {
                problems.Add(new InvoiceProblem(invoice.FileLine, "customer_name", $"'{c.Name}' is not an individual's full name: give forenames and surname"));
            }
            else
            {
                unknown[c.Number] = new NewCustomer(c, name, invoice.Date);
            }
        }

        var nameOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var invoice in invoices)
        {
            nameOf.TryAdd(invoice.Customer.Number, invoice.Customer.Name ?? "");
        }

        foreach (var number in partyOf.Keys.Order(StringComparer.Ordinal))
        {
            report.Add(new CustomerMatch(number, nameOf[number], CustomerOutcome.Known, partyOf[number], null));
        }

        var toLink = new List<(CustomerDetails, long, string)>();
        var toCreate = new List<NewCustomer>();
        if (unknown.Count == 0 || problems.Count > 0)
        {
            return new Customers(partyOf, report, toCreate, toLink);
        }

        // An organisation another customer number already names by its company number is the same party.
        var companies = unknown.Values.Where(u => u.Details.CompanyNumber is not null).Select(u => u.Details.CompanyNumber!).Distinct(StringComparer.Ordinal).ToArray();
        var partyOfCompany = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in companies.Chunk(dialect.Provider == DatabaseProvider.Postgres ? 50_000 : 500))
        {
            foreach (var row in await connection.QueryAsync<CompanyRow>(
                "select company_number, min(party_id) as party_id from sundry_customer where council_id = @council and company_number " + dialect.AnyOf("numbers") + " group by company_number",
                new { council = council.Value, numbers = chunk }, tx))
            {
                partyOfCompany[row.company_number] = row.party_id;
            }
        }

        var byName = (await PartyMatching.ByNameAsync(connection, tx, council, unknown.Values.Select(u => u.Name.SearchKey).ToList()))
            .ToLookup(c => c.SearchKey, StringComparer.Ordinal);
        foreach (var (number, customer) in unknown.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var display = customer.Name.DisplayName;
            if (customer.Details.CompanyNumber is { } company && partyOfCompany.TryGetValue(company, out var sameCompany))
            {
                partyOf[number] = sameCompany;
                toLink.Add((customer.Details, sameCompany, "company-number"));
                report.Add(new CustomerMatch(number, display, CustomerOutcome.MatchedByCompanyNumber, sameCompany, $"company number {company}"));
                continue;
            }

            var postcode = CustomerNames.Postcode(customer.Details.Postcode);
            var candidates = postcode.Length == 0 ? [] : byName[customer.Name.SearchKey]
                .Where(c => CustomerNames.Postcode(c.Postcode) == postcode).Select(c => c.PartyId).Distinct().ToList();
            if (candidates.Count == 1)
            {
                partyOf[number] = candidates[0];
                toLink.Add((customer.Details, candidates[0], "name-and-postcode"));
                report.Add(new CustomerMatch(number, display, CustomerOutcome.MatchedByNameAndPostcode, candidates[0], $"{display} at {customer.Details.Postcode}"));
                continue;
            }

            // A new party; a second new customer number with the same company number becomes the same party.
            toCreate.Add(customer);
            report.Add(new CustomerMatch(number, display, CustomerOutcome.Created, 0,
                candidates.Count > 1 ? $"{candidates.Count} parties share this name and postcode, so none was chosen: check for duplicates" : null));
        }

        return new Customers(partyOf, report, toCreate, toLink);
    }

    private static async Task<ImportReport> WriteAsync(
        DbConnection connection, DbTransaction tx, Request request, string hash, Instant now, int lineCount,
        List<InvoiceDocument> fresh, int alreadyImported, Known known, Customers customers, CancellationToken ct)
    {
        var council = request.Council;
        var dialect = SqlDialect.Of(connection);
        var invoices = fresh.Where(d => d.Type == DocumentType.Invoice).ToList();
        var credits = fresh.Where(d => d.Type == DocumentType.CreditNote).ToList();
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "sundry_invoice_import", 1);
        await connection.ExecuteAsync(
            "insert into sundry_invoice_import (council_id, import_id, file_name, file_hash, imported_at, imported_by, invoices, credit_notes, lines) " +
            "values (@council, @importId, @fileName, @hash, @now, @officer, @invoices, @credits, @lines)",
            new { council = council.Value, importId, fileName = request.FileName, hash, now, officer = request.Officer, invoices = invoices.Count, credits = credits.Count, lines = lineCount },
            tx);

        // New customers: one party per company number (or per customer number without one), recorded in bulk.
        var creating = customers.ToCreate;
        var partyKeyOf = creating.Select(c => c.Details.CompanyNumber is { } company ? "company:" + company : "customer:" + c.Details.Number).ToList();
        var firstIndexOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < partyKeyOf.Count; i++)
        {
            firstIndexOfKey.TryAdd(partyKeyOf[i], i);
        }

        var distinctKeys = firstIndexOfKey.Keys.ToList();
        var firstOfKey = distinctKeys.Select(k => creating[firstIndexOfKey[k]]).ToList();
        var created = await RecordParties.RecordAllAsync(connection, tx, council,
            firstOfKey.Select(c => new RecordParties.NewParty(
                c.Details.Type == "organisation" ? PartyKind.Organisation : PartyKind.Person, c.Name, c.KnownFrom,
                c.Details is { Line1: { } line1, Town: { } town, Postcode: { } postcode } ? new RecordParty.PostalAddressInput(null, line1, c.Details.Line2, null, town, postcode) : null)).ToList(),
            request.Officer, now, ct);
        var newParties = created switch
        {
            Outcome<IReadOnlyList<long>>.Done done => done.Value,
            var refused => throw new InvalidOperationException($"People refused a customer the import had checked: {refused}"),
        };
        var partyOfKey = distinctKeys.Select((k, i) => (k, newParties[i])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal);
        var links = customers.ToLink.ToList();
        for (var i = 0; i < creating.Count; i++)
        {
            var party = partyOfKey[partyKeyOf[i]];
            customers.PartyOf[creating[i].Details.Number] = party;
            links.Add((creating[i].Details, party, "created"));
        }

        var report = customers.Report.Select(m => m.Outcome == CustomerOutcome.Created ? m with { PartyId = customers.PartyOf[m.CustomerNumber] } : m).ToList();
        await dialect.WriteAllAsync(connection, tx, "sundry_customer", CustomerShape, links.Select(l => new CustomerWrite(council, l.Details, l.PartyId, l.How, now)).ToList(), ct);

        // One account per new invoice, liable to its customer's party from the invoice date.
        var accounts = await AccountStore.OpenManyAsync(connection, tx, council, AccountKind.Sundry,
            invoices.Select(i => new AccountStore.NewAccount(i.Date, customers.PartyOf[i.Customer.Number])).ToList(), now, ct);
        var accountOf = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (number, invoice) in known.Invoices)
        {
            accountOf[number] = invoice.AccountId;
        }

        var invoiceRows = invoices.Select((doc, i) => new DocumentWrite(council, doc, accounts[i].AccountId, importId)).ToList();
        foreach (var row in invoiceRows)
        {
            accountOf[row.Doc.Number] = row.AccountId;
        }

        await dialect.WriteAllAsync(connection, tx, "sundry_invoice", InvoiceShape, invoiceRows, ct);
        var creditRows = credits.Select(doc => new DocumentWrite(council, doc, accountOf[doc.InvoiceCredited!], importId)).ToList();
        await dialect.WriteAllAsync(connection, tx, "sundry_credit_note", CreditNoteShape, creditRows, ct);
        await dialect.WriteAllAsync(connection, tx, "sundry_invoice_line", LineShape,
            fresh.SelectMany(doc => doc.Lines.Select(line => (Council: council.Value, Doc: doc.Number, Line: line))).ToList(), ct);

        var incomeCodes = (await ServiceAreas.IncomeCodesAsync(connection, council, tx)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var areaNames = (await ServiceAreas.AllAsync(connection, council, tx)).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var entries = new List<NewEntry>(invoiceRows.Count + creditRows.Count);
        entries.AddRange(invoiceRows.Select(r => new NewEntry(council, r.AccountId, EntryKind.Charge, r.Doc.Gross, FinancialYear.Containing(r.Doc.Date), r.Doc.Date,
            request.Officer, $"Invoice {r.Doc.Number} from {areaNames[r.Doc.ServiceArea]}", incomeCodes[r.Doc.Lines[0].IncomeCode].LegalBasis, "sundry-invoice:" + r.Doc.Number)));
        entries.AddRange(creditRows.Select(r => new NewEntry(council, r.AccountId, EntryKind.AdjustmentDecrease, r.Doc.Gross, FinancialYear.Containing(r.Doc.Date), r.Doc.Date,
            request.Officer, $"Credit note {r.Doc.Number} against invoice {r.Doc.InvoiceCredited}", SourceOfCredit, "sundry-credit-note:" + r.Doc.Number)));
        var posted = await PostEntries.PostAsync(connection, tx, entries, now, ct) switch
        {
            Outcome<PostResult>.Done done => done.Value,
            var refused => throw new InvalidOperationException($"The ledger refused the import's entries: {refused}"),
        };

        return new ImportReport(importId, lineCount, invoiceRows.Count, creditRows.Count, alreadyImported,
            Money.Sum(invoiceRows.Select(r => r.Doc.Gross)), Money.Sum(creditRows.Select(r => r.Doc.Gross)), posted.Posted.Count, report);
    }

    private sealed record CustomerWrite(CouncilId Council, CustomerDetails Details, long PartyId, string How, Instant Now);

    private sealed record DocumentWrite(CouncilId Council, InvoiceDocument Doc, long AccountId, long ImportId);

    private static readonly BulkTable<CustomerWrite> CustomerShape = new BulkTable<CustomerWrite>()
        .Int4("council_id", r => r.Council.Value)
        .Text("customer_number", r => r.Details.Number)
        .Int8("party_id", r => r.PartyId)
        .Text("customer_type", r => r.Details.Type)
        .Text("company_number", r => r.Details.CompanyNumber)
        .Text("matched_how", r => r.How)
        .Instant("recorded_at", r => r.Now);

    private static readonly BulkTable<DocumentWrite> InvoiceShape = new BulkTable<DocumentWrite>()
        .Int4("council_id", r => r.Council.Value)
        .Text("invoice_number", r => r.Doc.Number)
        .Int8("account_id", r => r.AccountId)
        .Text("customer_number", r => r.Doc.Customer.Number)
        .Text("service_area", r => r.Doc.ServiceArea)
        .Date("raised_on", r => r.Doc.Date)
        .Date("due_on", r => r.Doc.Due!.Value)
        .Int4("financial_year", r => FinancialYear.Containing(r.Doc.Date).StartYear)
        .Money("net_pence", r => r.Doc.Net)
        .Money("vat_pence", r => r.Doc.Vat)
        .Money("gross_pence", r => r.Doc.Gross)
        .Text("fingerprint", r => r.Doc.Fingerprint())
        .Int8("import_id", r => r.ImportId);

    private static readonly BulkTable<DocumentWrite> CreditNoteShape = new BulkTable<DocumentWrite>()
        .Int4("council_id", r => r.Council.Value)
        .Text("credit_note_number", r => r.Doc.Number)
        .Text("invoice_number", r => r.Doc.InvoiceCredited)
        .Date("raised_on", r => r.Doc.Date)
        .Money("net_pence", r => r.Doc.Net)
        .Money("vat_pence", r => r.Doc.Vat)
        .Money("gross_pence", r => r.Doc.Gross)
        .Text("fingerprint", r => r.Doc.Fingerprint())
        .Int8("import_id", r => r.ImportId);

    private static readonly BulkTable<(int Council, string Doc, DocumentLine Line)> LineShape = new BulkTable<(int Council, string Doc, DocumentLine Line)>()
        .Int4("council_id", r => r.Council)
        .Text("document_number", r => r.Doc)
        .Int4("line_no", r => r.Line.LineNo)
        .Text("income_code", r => r.Line.IncomeCode)
        .Text("description", r => r.Line.Description)
        .Money("net_pence", r => r.Line.Net)
        .Text("vat_code", r => r.Line.VatCode)
        .Money("vat_pence", r => r.Line.Vat);

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public Instant imported_at { get; set; }
    }

    private sealed class InvoiceRow
    {
        public string invoice_number { get; set; } = "";
        public long account_id { get; set; }
        public long gross_pence { get; set; }
        public string fingerprint { get; set; } = "";
        public long import_id { get; set; }
        public long credited_pence { get; set; }
    }

    private sealed class CreditNoteRow
    {
        public string credit_note_number { get; set; } = "";
        public string fingerprint { get; set; } = "";
        public long import_id { get; set; }
    }

    private sealed class CustomerRow
    {
        public string customer_number { get; set; } = "";
        public long party_id { get; set; }
    }

    private sealed class CompanyRow
    {
        public string company_number { get; set; } = "";
        public long party_id { get; set; }
    }
}
