using System.Net;
using System.Text;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Tests;

/// <summary>
/// Uploads in the browser (issue 17): each import previews what the real import would do (and keeps the bytes), refuses a
/// bad file naming the line or element and field with nothing changed, commits on "Confirm and import", and posts nothing
/// when the same file comes again.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UploadPageTests(ReeveAppFixture app)
{
    private const string DemoServiceUser = "424242";
    private const string CollectionAccount = "10799988837491";

    internal static string Unique() => Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    internal static string Camt(string key, string amount, string reference) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
          <GrpHdr><MsgId>{key}</MsgId><CreDtTm>2025-05-02T06:00:00</CreDtTm></GrpHdr>
          <Stmt><Id>{key}</Id><Acct><Id><Othr><Id>{CollectionAccount}</Id></Othr></Id><Ccy>GBP</Ccy></Acct>
            <Ntry><Amt Ccy="GBP">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-05-01</Dt></BookgDt><AcctSvcrRef>{key}</AcctSvcrRef>
              <NtryDtls><TxDtls><Refs><EndToEndId>{key}</EndToEndId></Refs><RmtInf><Ustrd>CTAX {reference}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
          </Stmt>
        </BkToCstmrStmt></Document>
        """;

    internal static string Arudd(string reference, string amount, string sun = DemoServiceUser) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <BACSDocument>
          <Data>
            <ARUDD>
              <Header reportType="REFT1019" adviceNumber="00000123" currentProcessingDate="2025-05-07"/>
              <AddresseeInformation name="WEALDMOOR COUNCIL"/>
              <ServiceLicenseInformation userName="WEALDMOOR COUNCIL" userNumber="{sun}"/>
              <Advice>
                <OriginatingAccountRecords>
                  <OriginatingAccountRecord>
                    <OriginatingAccount name="WEALDMOOR COUNCIL" number="12345678" sortCode="40-12-34" type="0"/>
                    <ReturnedDebitItem ref="{reference}" transCode="17" returnCode="0128" returnDescription="REFER TO PAYER" originalProcessingDate="2025-05-01" valueOf="{amount}" currency="GBP">
                      <PayerAccount number="66374958" ref="{reference}" name="J SMITH" sortCode="08-99-99"/>
                    </ReturnedDebitItem>
                    <Totals numberOf="1" valueOf="{amount}" currency="GBP"/>
                  </OriginatingAccountRecord>
                </OriginatingAccountRecords>
              </Advice>
            </ARUDD>
          </Data>
        </BACSDocument>
        """;

    private static string Addacs(string reference, string effective) => $"""
        <?xml version = '1.0' encoding = 'UTF-8'?>
        <BACSDocument>
          <Data>
            <MessagingAdvices>
              <MessagingHeader document-number="0" advice-type="ADDACS" user-number="{DemoServiceUser}" report-generation-date="2025-05-06" user-name="WEALDMOOR COUNCIL" report-type="7001"/>
              <AddresseeInformation name=" "/>
              <MessagingAdvice user-number="{DemoServiceUser}" record-type="A" effective-date="{effective}" reference="{reference}" payer-name="J SMITH" payer-account-number="66374958" payer-sort-code="089999" reason-code="1" aosn="00000001"/>
              <MessagingError/>
            </MessagingAdvices>
          </Data>
        </BACSDocument>
        """;

    private const string ScheduleHeader = "schedule_reference,uprn,address_line1,address_line2,town,postcode,band,effective_date,reason_code,comment,area_code";

    private static string Schedule(long uprn, string band) =>
        $"{ScheduleHeader}\r\nCTS/2026/099,{uprn},1 Upload Row,,Wealdmoor,WD1 9ZZ,{band},2026-04-01,NEW,New build (web test),\r\n";

    private static string BreathingSpace(string reference, string type) =>
        $"reference,type,start_date,name,date_of_birth,postcode,source\n{reference},{type},{UkTime.Today(SystemClock.Instance):uuuu-MM-dd},Zed Upload{reference},,,\n";

    private async Task<string> PreviewAsync(OfficerClient client, string kind, string fileName, string content, Dictionary<string, string>? fields = null)
    {
        var response = await client.PostFileAsync($"/uploads/{kind}?handler=preview", $"/uploads/{kind}", fileName, Encoding.UTF8.GetBytes(content), fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static string UploadKey(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"upload\" value=\"([0-9a-f]{64})\"").Groups[1].Value;

    private static async Task<string> ConfirmAsync(OfficerClient client, string kind, string key)
    {
        key.Length.ShouldBe(64, "the preview should offer Confirm and import");
        var response = await client.PostFormAsync($"/uploads/{kind}?handler=confirm", new() { ["upload"] = key }, formPage: $"/uploads/{kind}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<long> PendingAsync(string kind) =>
        app.CountAsync("select count(*) from pending_upload where council_id = @c and kind = @kind", new { c = app.HomeCouncil.Value, kind });

    private Task<long> AuditAsync(string action, string kind) =>
        app.CountAsync("select count(*) from audit_log where council_id = @c and action = @action and subject_kind = 'upload' and subject_id like @kind",
            new { c = app.HomeCouncil.Value, action, kind = kind + ":%" });

    /// <summary>The whole journey for one kind: preview changes nothing, confirm commits once, the same file again posts nothing.</summary>
    private async Task JourneyAsync(string kind, string fileName, string content, Func<Task<long>> committed, string previewShows, Dictionary<string, string>? fields = null)
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var before = await committed();
        var uploadsBefore = await AuditAsync("upload", kind);
        var importsBefore = await AuditAsync("import", kind);

        var preview = await PreviewAsync(client, kind, fileName, content, fields);

        preview.ShouldContain("What will be imported");
        preview.ShouldContain(previewShows);
        preview.ShouldContain("Confirm and import");
        (await committed()).ShouldBe(before, "a preview changes nothing");
        (await PendingAsync(kind)).ShouldBeGreaterThanOrEqualTo(1);
        (await AuditAsync("upload", kind)).ShouldBe(uploadsBefore + 1);

        var done = await ConfirmAsync(client, kind, UploadKey(preview));

        done.ShouldContain($"{fileName} was imported");
        (await committed()).ShouldBe(before + 1);
        (await AuditAsync("import", kind)).ShouldBe(importsBefore + 1);
        (await app.CountAsync("select count(*) from pending_upload where council_id = @c and kind = @kind and sha256 = @sha",
            new { c = app.HomeCouncil.Value, kind, sha = UploadKey(preview) })).ShouldBe(0, "a confirmed upload is cleared with its import");

        var again = await PreviewAsync(client, kind, fileName, content, fields);
        var confirmAgain = await client.PostFormAsync($"/uploads/{kind}?handler=confirm", new() { ["upload"] = UploadKey(preview) }, formPage: $"/uploads/{kind}");

        again.ShouldContain("already-imported");
        again.ShouldNotContain("Confirm and import");
        (await confirmAgain.Content.ReadAsStringAsync()).ShouldContain("Nothing is waiting to be imported for that upload");
        (await committed()).ShouldBe(before + 1, "the same file twice posts nothing");
    }

    /// <summary>A bad file: refused with the validation report naming where, nothing kept and nothing changed.</summary>
    private async Task RefusedAsync(string kind, string content, Func<Task<long>> committed, params string[] names)
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var before = await committed();
        var pending = await PendingAsync(kind);

        var html = await PreviewAsync(client, kind, "bad-file.txt", content);

        html.ShouldContain("bad-file.txt was refused: nothing was changed");
        html.ShouldContain("validation-report");
        html.ShouldContain("govuk-error-summary");
        html.ShouldNotContain("Confirm and import");
        foreach (var name in names)
        {
            html.ShouldContain(name);
        }

        (await committed()).ShouldBe(before);
        (await PendingAsync(kind)).ShouldBe(pending, "a refused file is not kept");
    }

    private Task<long> PaymentImportsAsync() => app.CountAsync("select count(*) from payment_import where council_id = @c", new { c = app.HomeCouncil.Value });

    private Task<long> AruddImportsAsync() => app.CountAsync("select count(*) from arudd_import where council_id = @c", new { c = app.HomeCouncil.Value });

    private Task<long> AddacsImportsAsync() =>
        app.CountAsync("select count(*) from bacs_report_import where council_id = @c and kind = 'addacs'", new { c = app.HomeCouncil.Value });

    private Task<long> ScheduleImportsAsync() => app.CountAsync("select count(*) from band_schedule_import where council_id = @c", new { c = app.HomeCouncil.Value });

    private Task<long> BreathingSpacesAsync() => app.CountAsync("select count(*) from breathing_space where council_id = @c", new { c = app.HomeCouncil.Value });

    [Fact]
    public async Task A_bank_statement_is_previewed_with_its_total_then_imported_once()
    {
        var reference = await app.AccountReferenceAsync();
        var key = "UP" + Unique();
        await JourneyAsync("bank-statement", $"{key}.xml", Camt(key, "12.34", reference), PaymentImportsAsync, "£12.34");
    }

    [Fact]
    public async Task A_bank_statement_with_a_bad_amount_is_refused_naming_the_element_and_changes_nothing() =>
        await RefusedAsync("bank-statement", Camt("UP" + Unique(), "12.3x", "500000012"), PaymentImportsAsync, "Amt");

    [Fact]
    public async Task An_arudd_report_is_previewed_then_imported_once() =>
        await JourneyAsync("arudd", $"arudd-{Unique()}.xml", Arudd("CT9" + Unique(), "23.45"), AruddImportsAsync, "£23.45");

    [Fact]
    public async Task An_arudd_report_for_another_service_user_is_refused_naming_the_field_and_changes_nothing() =>
        await RefusedAsync("arudd", Arudd("CT9" + Unique(), "23.45", sun: "999999"), AruddImportsAsync, "userNumber", "999999");

    [Fact]
    public async Task An_addacs_report_is_previewed_then_imported_once() =>
        await JourneyAsync("addacs", $"addacs-{Unique()}.xml", Addacs("CT9" + Unique(), "2025-05-06"), AddacsImportsAsync, "Advices in the report");

    [Fact]
    public async Task An_addacs_report_with_a_date_that_is_not_a_date_is_refused_naming_the_field() =>
        await RefusedAsync("addacs", Addacs("CT9" + Unique(), "2025-13-45"), AddacsImportsAsync, "effective-date");

    [Fact]
    public async Task A_band_schedule_is_previewed_then_imported_once()
    {
        var uprn = 900_000_000_000 + Random.Shared.NextInt64(1, 99_999_999);
        await JourneyAsync("band-schedule", $"schedule-{uprn}.csv", Schedule(uprn, "C"), ScheduleImportsAsync, "New entries");
        (await app.CountAsync("select count(*) from property where council_id = @c and uprn = @uprn", new { c = app.HomeCouncil.Value, uprn })).ShouldBe(1);
    }

    [Fact]
    public async Task A_band_schedule_with_a_band_that_does_not_exist_is_refused_naming_line_and_field() =>
        await RefusedAsync("band-schedule", Schedule(900_000_000_000 + Random.Shared.NextInt64(1, 99_999_999), "Z"), ScheduleImportsAsync, "line 2, field band");

    [Fact]
    public async Task Breathing_space_notices_are_previewed_then_recorded_once() =>
        await JourneyAsync("breathing-space", $"bs-{Unique()}.csv", BreathingSpace("DRS" + Unique(), "standard"), BreathingSpacesAsync, "To the matching queue");

    [Fact]
    public async Task A_breathing_space_notice_of_an_unknown_type_is_refused_naming_line_and_field() =>
        await RefusedAsync("breathing-space", BreathingSpace("DRS" + Unique(), "sometimes"), BreathingSpacesAsync, "line 2: type");

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_on_the_form()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.PostFileAsync("/uploads/arudd?handler=preview", "/uploads/arudd", "huge.xml", new byte[Features.Uploads.UploadKinds.MaxFileBytes + 1]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The file must be smaller than 20 MB");
    }

    [Fact]
    public async Task An_auditor_has_no_uploads_and_a_system_administrator_may_not_import_money()
    {
        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        var admin = await app.NewOfficerAsync(Reeve.Officers.Role.SystemAdministrator);
        using var administrator = await OfficerClient.SignedInAsync(app, admin);

        (await auditor.GetRawAsync("/uploads")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetPageAsync("/")).ShouldNotContain("href=\"/uploads\"");
        (await administrator.GetRawAsync("/uploads/bank-statement")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await administrator.GetPageAsync("/uploads")).ShouldContain("/uploads/band-schedule");
    }

    private Task<long> InvoiceImportsAsync() => app.CountAsync("select count(*) from sundry_invoice_import where council_id = @c", new { c = app.HomeCouncil.Value });

    private Task<long> DecisionImportsAsync() => app.CountAsync("select count(*) from hb_decision_import where council_id = @c", new { c = app.HomeCouncil.Value });

    /// <summary>A trade waste invoice (service area TW of the demo council) to a new customer, in the layout of docs/domain/sundry-invoices.md.</summary>
    private static string Invoice(string number, string net = "100.00", string vat = "20.00") =>
        "record_type,document_number,invoice_credited,customer_number,customer_type,customer_name,company_number,address_line1,address_line2,town,postcode,service_area,document_date,due_date,line_number,income_code,description,net,vat_code,vat\n" +
        $"INV,{number},,C{number},organisation,Upload Skips {number} Ltd,,1 Upload Yard,,Wealdmoor,WD1 9ZZ,TW,2025-05-01,2025-05-31,1,TW01,Weekly collection,{net},S,{vat}\n";

    /// <summary>A recoverable overpayment on the demo council's first claim, recovered from the claimant (docs/domain/hb-overpayments.md).</summary>
    private static string Decision(string reference, string cause = "claimant-error") =>
        "decision_reference,claim_reference,period_from,period_to,amount,cause,recoverable,recover_from,decided_on,revises\n" +
        $"{reference},HB100000,2025-01-06,2025-03-30,345.67,{cause},yes,claimant,2025-05-01,\n";

    [Fact]
    public async Task Sundry_invoices_are_previewed_with_what_they_charge_then_imported_once() =>
        await JourneyAsync("sundry-invoices", $"invoices-{Unique()}.csv", Invoice("UP" + Unique()), InvoiceImportsAsync, "£120.00");

    [Fact]
    public async Task A_sundry_invoice_with_a_bad_amount_is_refused_naming_line_and_field_and_changes_nothing() =>
        await RefusedAsync("sundry-invoices", Invoice("UP" + Unique(), net: "ten pounds"), InvoiceImportsAsync, "line 2: net");

    [Fact]
    public async Task Overpayment_decisions_are_previewed_with_what_they_charge_then_imported_once() =>
        await JourneyAsync("hb-overpayments", $"decisions-{Unique()}.csv", Decision("UPD" + Unique()), DecisionImportsAsync, "£345.67");

    [Fact]
    public async Task An_overpayment_decision_with_an_unknown_cause_is_refused_naming_line_and_field_and_changes_nothing() =>
        await RefusedAsync("hb-overpayments", Decision("UPD" + Unique(), cause: "bad-luck"), DecisionImportsAsync, "line 2: cause");
}
