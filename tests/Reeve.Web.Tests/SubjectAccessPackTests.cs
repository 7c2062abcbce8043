using System.IO.Compression;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Cases.Features.ExportSubjectAccess;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Portal.Domain;
using Reeve.TestKit;
using Reeve.Web.Features.SubjectAccess;

namespace Reeve.Web.Tests;

public sealed class SubjectAccessPackOnSqlite() : SubjectAccessPackTests(new SqliteEngine());

public sealed class SubjectAccessPackOnPostgres() : SubjectAccessPackTests(new PostgresEngine());

/// <summary>
/// "Everything Reeve holds on a person": a person with a row in every table a registered personal data source reads,
/// each row carrying a marker of its own, and the pack made with the sources the web app registers. Each marker must
/// turn up in its file; a row of someone else's must not.
/// </summary>
public abstract class SubjectAccessPackTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate Day = new(2026, 3, 9);

    [Fact]
    public async Task The_pack_holds_a_row_from_every_module_that_keeps_personal_data_and_nothing_of_another_person_s()
    {
        var (jane, other) = await InTransactionAsync(async (c, tx) => (await PersonAsync(c, tx, "Jane", "Smith"), await PersonAsync(c, tx, "Other", "Person")));
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var othersAccount = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(account.AccountId, jane, "liable", new LocalDate(2025, 4, 1), null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(othersAccount.AccountId, other, "liable", new LocalDate(2025, 4, 1), null));
            await RowsAsync(c, tx, jane, other, account.AccountId, account.Reference.Value);
            // Someone else's mandate, on their own account: it must stay out of Jane's pack.
            await InsertAsync(c, tx, "dd_mandate", new
            {
                mandate_id = 2, account_id = othersAccount.AccountId, payer_name = "NOT-JANE-MANDATE", sort_code = "200000", account_number = "55779911",
                reference = "REF-OTHER", status = "active", signed_on = Day, created_at = Now, created_by = "test", version = 1,
            });
            return 0;
        });

        var pack = (await InTransactionAsync((c, tx) => SubjectAccessExport.HandleAsync(c, tx, Council, jane, PersonalDataSources.All, "dpo", null, Now)))
            .ShouldBeOfType<Outcome<SubjectAccessExport.Pack>.Done>().Value;

        using var zip = new ZipArchive(new MemoryStream(pack.Zip));
        string Text(string name) => new StreamReader(zip.GetEntry(name).ShouldNotBeNull($"{name} is missing").Open(), Encoding.UTF8).ReadToEnd();
        var expected = new Dictionary<string, string[]>
        {
            ["payments/direct-debit-mandates.csv"] = ["MANDATE-PAYER", "12345678", "9 March 2026"],
            ["payments/refunds.csv"] = ["REFUND-REASON", "REFUND-ACCOUNT-NAME", "£12.34"],
            ["payments/reversals-asked-for.csv"] = ["REVERSAL-REASON"],
            ["payments/card-payments.csv"] = ["CARD-REF"],
            ["payments/returned-direct-debits.csv"] = ["RETURNED-REF"],
            ["council-tax/residence.csv"] = ["900001", "tenant", "9 March 2026"],
            ["council-tax/ownership.csv"] = ["OWNER-OFFICER"],
            ["council-tax/discounts-exemptions-and-awards.csv"] = ["AWARD-EVIDENCE"],
            ["council-tax/previous-system-references.csv"] = ["INCUMBENT-P1"],
            ["business-rates/occupation.csv"] = ["BA-REF-1"],
            ["recovery/notices-and-court.csv"] = ["summons", "COURT-NOTE", "liability-order"],
            ["enforcement/information-requests.csv"] = ["REQUEST-OFFICER"],
            ["enforcement/information-replies.csv"] = ["EMPLOYER-NAME", "PAYROLL-1", "REPLY-NOTE"],
            ["enforcement/attachment-of-earnings-orders.csv"] = ["AEO-OFFICER", "in-force"],
            ["sundry/customer-numbers.csv"] = ["CUST-1"],
            ["sundry/invoices.csv"] = ["INV-1", "£120.00"],
            ["housing-benefit/claims.csv"] = ["CLAIM-1", "claimant"],
            ["housing-benefit/overpayments.csv"] = ["DECISION-1", "claimant-error"],
            ["letters/consent-to-email-and-text.csv"] = ["jane@example.com"],
            ["letters/returned-post.csv"] = ["RETURNED-OFFICER"],
            ["letters/emails-and-texts-sent.csv"] = ["jane.notify@example.com"],
            ["portal/sign-in-accounts.csv"] = ["jane.portal@example.com"],
            ["portal/sign-in-attempts.csv"] = ["192.0.2.7", "192.0.2.8"],
            ["people/income-and-expenditure.csv"] = ["IE-OFFICER", "wages"],
            ["people/tracing.csv"] = ["TRACE-REASON", "TRACE-NOTE"],
            ["people/likely-duplicate-records.csv"] = ["DUPLICATE-REASONS", other.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        };
        foreach (var (file, markers) in expected)
        {
            var text = Text(file);
            foreach (var marker in markers)
            {
                text.ShouldContain(marker, Case.Sensitive, $"{file} should hold {marker}");
            }
        }

        Text("payments/direct-debit-mandates.csv").ShouldNotContain("NOT-JANE-MANDATE");
        Text("README.txt").ShouldContain("portal/sign-in-attempts.csv");
    }

    private static async Task<long> PersonAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string forename, string surname) =>
        ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx, new RecordParty.Request(Council, PartyKind.Person,
            NameParts.Person(null, forename, surname), null, new LocalDate(1980, 1, 1), [], null), "test", Instant.FromUtc(2025, 4, 1, 9, 0))).Value;

    private async Task RowsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long jane, long other, long accountId, string reference)
    {
        var now = Now;
        async Task Row(string table, object values) => await InsertAsync(c, tx, table, values);

        // Payments
        await Row("dd_mandate", new
        {
            mandate_id = 1, account_id = accountId, payer_name = "MANDATE-PAYER", sort_code = "200000", account_number = "12345678", reference = "REF-DD-1",
            status = "active", signed_on = Day, created_at = now, created_by = "test", version = 1,
        });
        await Row("refund_bank_details", new
        {
            details_id = 1, account_id = accountId, sort_code = "200000", account_number = "87654321", account_name = "REFUND-ACCOUNT-NAME", recorded_on = Day,
            recorded_by = "test",
        });
        await Row("refund_request", new
        {
            refund_id = 1, account_id = accountId, amount_pence = 1234L, method = "bank", details_id = 1, reason = "REFUND-REASON", status = "approved",
            needs_approval = true, held_for_review = false, requested_on = Day, requested_at = now, requested_by = "test",
        });
        await Row("reversal_request", new
        {
            request_id = 1, account_id = accountId, entry_id = 1, amount_pence = 500L, reason = "REVERSAL-REASON", status = "awaiting-approval",
            requested_at = now, requested_by = "test",
        });
        await Row("card_payment", new
        {
            card_payment_id = 1, account_id = accountId, amount_pence = 500L, reference = "CARD-REF", status = "success", finished = true,
            created_at = now, created_by = "test", updated_at = now,
        });
        await Row("arudd_import", new
        {
            import_id = 1, sha256 = "abc", file_name = "arudd.xml", advice_number = "1", processing_date = Day, items = 1, reversed_count = 1,
            reversed_pence = 500L, imported_at = now, imported_by = "test",
        });
        await Row("returned_debit", new
        {
            import_id = 1, item_no = 1, bacs_reference = "RETURNED-REF", return_code = "0", amount_pence = 500L, original_processing_date = Day,
            account_id = accountId, outcome = "reversed",
        });

        // Council Tax
        await Row("property", new
        {
            uprn = 900001L, address_line1 = "1 High Street", town = "Anytown", postcode = "AB1 2CD", kind = "domestic", search_key = "1 high street",
            version = 1, created_at = now,
        });
        await Row("residence", new
        {
            residence_id = 1, uprn = 900001L, party_id = jane, resident_from = Day, interest = "tenant", recorded_at = now, recorded_by = "test",
        });
        await Row("ownership", new { ownership_id = 1, uprn = 900001L, party_id = jane, owned_from = Day, recorded_at = now, recorded_by = "OWNER-OFFICER" });
        await Row("ctax_award", new
        {
            award_id = 1, uprn = 900001L, kind = "disregard", party_id = jane, code = "S", award_from = Day, evidence = "AWARD-EVIDENCE",
            recorded_at = now, recorded_by = "test",
        });
        await Row("opening_load", new
        {
            load_id = 1, set_sha256 = "abc", source_system = "Old", properties = 1, people = 1, accounts = 1, balance_pence = 0L, loaded_at = now,
            loaded_by = "test",
        });
        await Row("opening_load_record", new { record_kind = "person", incumbent_ref = "INCUMBENT-P1", reeve_id = jane, load_id = 1 });

        // Business Rates
        await Row("hereditament", new
        {
            hereditament_id = 1, ba_reference = "BA-REF-1", uarn = 1L, description_code = "CS", description_text = "Shop", address = "2 High Street",
            created_at = now,
        });
        await Row("rates_occupation", new
        {
            occupation_id = 1, hereditament_id = 1, account_id = accountId, party_id = jane, occupied_from = Day, charity = false, small_business = true,
            retail_hospitality_leisure = false, recorded_at = now, recorded_by = "test",
        });

        // Recovery
        await Row("recovery_notice", new
        {
            notice_id = 1, account_id = accountId, financial_year = 2025, step = "summons", notice_date = Day, amount_pence = 10_000L, costs_pence = 7_000L,
            source_rule = "rule", explanation = "why", source_key = "k1", created_at = now,
        });
        await Row("court_outcome", new
        {
            outcome_id = 1, notice_id = 1, outcome = "liability-order", decided_on = Day, costs_pence = 0L, note = "COURT-NOTE", recorded_by = "test",
            recorded_at = now,
        });

        // Enforcement
        await Row("information_request", new
        {
            request_id = 1, account_id = accountId, liability_order_id = 1, financial_year = 2025, party_id = jane, issued_on = Day,
            reply_due = Day.PlusDays(14), status = "replied", source_key = "k1", requested_by = "REQUEST-OFFICER", requested_at = now,
        });
        await Row("employer", new
        {
            employer_id = 1, name = "EMPLOYER-NAME", address = "Works", postcode = "AB1 1AA", payroll_contact = "pay@example.com", match_key = "employer",
            created_by = "test", created_at = now,
        });
        await Row("information_reply", new
        {
            reply_id = 1, request_id = 1, party_id = jane, received_on = Day, employment = "employed", employer_id = 1, payroll_number = "PAYROLL-1",
            pay_period = "monthly", net_pay_pence = 150_000L, benefits = "", note = "REPLY-NOTE", recorded_by = "test", recorded_at = now,
        });
        await Row("attachment_order", new
        {
            order_id = 1, account_id = accountId, liability_order_id = 1, financial_year = 2025, party_id = jane, employer_id = 1, payroll_number = "PAYROLL-1",
            made_on = Day, order_sum_pence = 17_000L, pay_period = "monthly", net_pay_pence = 150_000L, deduction_pence = 7_500L, deduction_source = "table",
            status = "in-force", source_key = "k1", made_by = "AEO-OFFICER", made_at = now,
        });

        // Sundry
        await Row("sundry_service_area", new { code = "ADULT", name = "Adult care", dispute_contact = "a", stop_service_contact = "b" });
        await Row("sundry_customer", new { customer_number = "CUST-1", party_id = jane, customer_type = "individual", matched_how = "created", recorded_at = now });
        await Row("sundry_invoice_import", new
        {
            import_id = 1, file_name = "inv.csv", file_hash = "abc", imported_at = now, imported_by = "test", invoices = 1, credit_notes = 0, lines = 1,
        });
        await Row("sundry_invoice", new
        {
            invoice_number = "INV-1", account_id = accountId, customer_number = "CUST-1", service_area = "ADULT", raised_on = Day, due_on = Day.PlusDays(30),
            financial_year = 2025, net_pence = 12_000L, vat_pence = 0L, gross_pence = 12_000L, fingerprint = "f", import_id = 1,
        });

        // Overpayments
        await Row("hb_claim", new { claim_reference = "CLAIM-1", weekly_award_pence = 10_000L, weekly_disregard_pence = 0L, top_up_pence = 0L, recorded_at = now });
        await Row("hb_claim_party", new { claim_reference = "CLAIM-1", role = "claimant", party_id = jane });
        await Row("hb_decision_import", new { import_id = 1, file_name = "hb.csv", file_sha256 = "abc", lines = 1, imported_by = "test", imported_at = now });
        await Row("hb_overpayment", new
        {
            decision_reference = "DECISION-1", claim_reference = "CLAIM-1", import_id = 1, line_number = 1, period_from = Day, period_to = Day.PlusDays(6),
            amount_pence = 5_000L, cause = "claimant-error", recoverable = 1, recover_from = "claimant", party_id = jane, decided_on = Day,
            due_on = Day.PlusDays(21), financial_year = 2025, account_id = accountId, fingerprint = "f",
        });

        // Letters
        await Row("contact_consent", new
        {
            party_id = jane, consent_seq = 1, channel = "email", address = "jane@example.com", given_on = Day, recorded_by = "test", recorded_at = now,
        });
        await Row("returned_mail", new { party_id = jane, address_seq = 1, returned_on = Day, recorded_by = "RETURNED-OFFICER", recorded_at = now });
        var email = "Your reminder"u8.ToArray();
        var hash = Reeve.Letters.NoticeStore.Hash(email);
        await Row("letter_document", new { content_hash = hash, media_type = "text/markdown", byte_count = email.Length, content = email, stored_at = now });
        await Row("letter_notice", new
        {
            notice_id = 1, account_id = accountId, letter_type = "reminder", channel = "email", template_version = 1, content_hash = hash,
            issued_on = Day, recorded_at = now,
        });
        await Row("notify_message", new
        {
            notice_id = 1, channel = "email", recipient = "jane.notify@example.com", template_id = "t", personalisation = "{}", reference = "r",
            status = "delivered", attempts = 1, updated_at = now,
        });

        // Portal: a sign-in by her email and a proof attempt with her account's reference.
        await Row("portal_user", new { user_id = 1, email = "jane.portal@example.com", created_at = now });
        await Row("portal_link", new { user_id = 1, account_id = accountId, linked_at = now });
        await Row("portal_attempt", new
        {
            attempt_id = 1, at = now, step = "code", subject = EmailAddress.Subject("email", "jane.portal@example.com"), address = "192.0.2.7", refused = 0,
        });
        await Row("portal_attempt", new { attempt_id = 2, at = now, step = "proof", subject = EmailAddress.Subject("ref", reference), address = "192.0.2.8", refused = 1 });
        await Row("portal_attempt", new { attempt_id = 3, at = now, step = "proof", subject = EmailAddress.Subject("ref", "999"), address = "198.51.100.1", refused = 1 });

        // People
        await Row("income_expenditure", new { ie_id = 1, party_id = jane, taken_on = Day, taken_at = now, taken_by = "IE-OFFICER", household_adults = 1, household_children = 0 });
        await Row("income_expenditure_line", new { ie_id = 1, line_no = 1, section = "income", category = "wages", amount_pence = 150_000L, is_priority = 0 });
        await Row("trace_task", new
        {
            task_id = 1, party_id = jane, reason = "TRACE-REASON", opened_on = Day, opened_by = "test", due_on = Day.PlusDays(28), assigned_to = "test",
            source = "officer", status = "found",
        });
        await Row("trace_attempt", new
        {
            task_id = 1, attempt_no = 1, source = "DWP", tried_on = Day, result = "found", note = "TRACE-NOTE", recorded_by = "test", recorded_at = now,
        });
        await Row("party_duplicate", new { party_a = Math.Min(jane, other), party_b = Math.Max(jane, other), score = 80, reasons = "DUPLICATE-REASONS", decision = "rejected" });
    }

    private static async Task InsertAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string table, object values)
    {
        var columns = values.GetType().GetProperties().Select(p => p.Name).ToList();
        var parameters = new DynamicParameters(values);
        parameters.Add("council_id", Council.Value);
        await c.ExecuteAsync(
            $"insert into {table} (council_id, {string.Join(", ", columns)}) values (@council_id, {string.Join(", ", columns.Select(n => "@" + n))})",
            parameters, tx);
    }
}
