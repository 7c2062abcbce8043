-- Sundry debt (issue 15): the council's own invoices, raised by its service areas in the finance system and
-- imported nightly. A service area has a recovery timetable (effective-dated: a change is a new row) and the
-- contacts Reeve writes to about disputes and stopping a service; an income code says what a line is for, the
-- law the charge is made under and its VAT code. VAT rates are statutory figures, so they are dated rows too.
create table sundry_service_area (
    council_id integer not null references council (council_id),
    code text not null,
    name text not null,
    dispute_contact text not null,
    stop_service_contact text not null,
    primary key (council_id, code)
);

create table sundry_recovery_profile (
    council_id integer not null,
    service_area text not null,
    effective_from date not null,
    days_to_reminder integer not null check (days_to_reminder > 0),
    days_to_final_notice integer not null,
    days_to_letter_before_claim integer not null,
    primary key (council_id, service_area, effective_from),
    foreign key (council_id, service_area) references sundry_service_area (council_id, code),
    check (days_to_final_notice > days_to_reminder and days_to_letter_before_claim > days_to_final_notice)
);

create table sundry_income_code (
    council_id integer not null,
    code text not null,
    service_area text not null,
    description text not null,
    vat_code text not null,
    legal_basis text not null,
    primary key (council_id, code),
    foreign key (council_id, service_area) references sundry_service_area (council_id, code)
);

-- VAT Act 1994: s2 standard rate (20% from 4 January 2011, Finance Act 2011 s3), Sch 7A reduced rate (5%),
-- Sch 8 zero rate, Sch 9 exempt; 'O' is outside the scope (a council acting as a public authority, s41A).
create table sundry_vat_rate (
    vat_code text not null,
    effective_from date not null,
    rate_basis_points integer not null,
    description text not null,
    source text not null,
    primary key (vat_code, effective_from)
);
insert into sundry_vat_rate (vat_code, effective_from, rate_basis_points, description, source) values
    ('S', '2011-01-04', 2000, 'Standard rate', 'VAT Act 1994 s2(1), as amended by Finance Act 2011 s3'),
    ('R', '1997-09-01', 500, 'Reduced rate', 'VAT Act 1994 s29A and Sch 7A'),
    ('Z', '1973-04-01', 0, 'Zero rate', 'VAT Act 1994 s30 and Sch 8'),
    ('E', '1973-04-01', 0, 'Exempt', 'VAT Act 1994 s31 and Sch 9'),
    ('O', '1973-04-01', 0, 'Outside the scope (public authority)', 'VAT Act 1994 s41A');

-- A customer of the finance system (its customer number) is a party in People; the company number lets an
-- organisation known under two customer numbers be one party.
create table sundry_customer (
    council_id integer not null,
    customer_number text not null,
    party_id bigint not null,
    customer_type text not null check (customer_type in ('individual', 'organisation')),
    company_number text,
    matched_how text not null check (matched_how in ('created', 'name-and-postcode', 'company-number')),
    recorded_at timestamptz not null,
    primary key (council_id, customer_number)
);
create index sundry_customer_by_company on sundry_customer (council_id, company_number);
create index sundry_customer_by_party on sundry_customer (council_id, party_id);

create table sundry_invoice_import (
    council_id integer not null,
    import_id bigint not null,
    file_name text not null,
    file_hash text not null,
    imported_at timestamptz not null,
    imported_by text not null,
    invoices integer not null,
    credit_notes integer not null,
    lines integer not null,
    primary key (council_id, import_id)
);
create unique index sundry_invoice_import_by_hash on sundry_invoice_import (council_id, file_hash);

-- An invoice is a ledger account of kind 'sundry' of its own: it is recovered, disputed and written off as one.
-- 'fingerprint' is a hash of the invoice as imported, so the same invoice again is recognised and skipped and a
-- different invoice under a number already used is refused.
create table sundry_invoice (
    council_id integer not null,
    invoice_number text not null,
    account_id bigint not null,
    customer_number text not null,
    service_area text not null,
    raised_on date not null,
    due_on date not null,
    financial_year integer not null,
    net_pence bigint not null,
    vat_pence bigint not null,
    gross_pence bigint not null check (gross_pence > 0),
    fingerprint text not null,
    import_id bigint not null,
    primary key (council_id, invoice_number),
    foreign key (council_id, customer_number) references sundry_customer (council_id, customer_number),
    foreign key (council_id, service_area) references sundry_service_area (council_id, code),
    check (due_on >= raised_on)
);
create unique index sundry_invoice_by_account on sundry_invoice (council_id, account_id);
create index sundry_invoice_by_customer on sundry_invoice (council_id, customer_number);

-- A credit note reduces one invoice; it is posted to the invoice's account as an adjustment, never by editing.
create table sundry_credit_note (
    council_id integer not null,
    credit_note_number text not null,
    invoice_number text not null,
    raised_on date not null,
    net_pence bigint not null,
    vat_pence bigint not null,
    gross_pence bigint not null check (gross_pence > 0),
    fingerprint text not null,
    import_id bigint not null,
    primary key (council_id, credit_note_number),
    foreign key (council_id, invoice_number) references sundry_invoice (council_id, invoice_number)
);
create index sundry_credit_note_by_invoice on sundry_credit_note (council_id, invoice_number);

-- The lines of an invoice or a credit note (document_number is either), amounts as positive pence.
create table sundry_invoice_line (
    council_id integer not null,
    document_number text not null,
    line_no integer not null,
    income_code text not null,
    description text not null,
    net_pence bigint not null,
    vat_code text not null,
    vat_pence bigint not null,
    primary key (council_id, document_number, line_no)
);
