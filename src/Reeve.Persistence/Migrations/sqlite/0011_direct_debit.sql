-- Direct Debit (issue 4): the council as a Bacs service user, mandates and their AUDDIS instructions, lodgement
-- files, collection runs and each collection, and the ADDACS and AUDDIS reports imported. Files are kept as
-- written, so a run that crashed after committing writes the same bytes again and never collects twice.

-- The council's Bacs service user number, the account collections are paid into, and how many working days
-- after a mandate's lodgement (the AUDDIS file's processing day) its first collection may be processed.
create table dd_originator (
    council_id integer not null primary key references council (council_id),
    service_user_number text not null,
    sort_code text not null,
    account_number text not null,
    name text not null,
    lodgement_lead_working_days integer not null default 3 check (lodgement_lead_working_days >= 0)
);

-- A Direct Debit instruction: 'pending' until lodged by AUDDIS (0N), 'lodged' until first collected, then 'active';
-- 'suspended' (an officer must look), 'cancelled' or 'rejected' end it. 'signed_on' is the day the payer set it up,
-- from which the advance notice runs. One live mandate per account.
create table dd_mandate (
    council_id integer not null,
    mandate_id integer not null,
    account_id integer not null,
    payer_name text not null,
    sort_code text not null,
    account_number text not null,
    reference text not null,
    status text not null check (status in ('pending', 'lodged', 'active', 'suspended', 'cancelled', 'rejected')),
    status_reason text,
    signed_on text not null,
    lodged_on text,
    cancelled_on text,
    bank_details_changed_on text,
    created_at text not null,
    created_by text not null,
    version integer not null default 1,
    primary key (council_id, mandate_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create index dd_mandate_by_account on dd_mandate (council_id, account_id);
create index dd_mandate_by_reference on dd_mandate (council_id, reference);
create unique index dd_mandate_one_live on dd_mandate (council_id, account_id) where status in ('pending', 'lodged', 'active', 'suspended');

-- AUDDIS lodgement files: each instruction goes in exactly one (dd_instruction.lodgement_id is set once).
create table dd_lodgement (
    council_id integer not null,
    lodgement_id integer not null,
    processing_date text not null,
    serial text not null,
    instructions integer not null,
    content text not null,
    created_at text not null,
    created_by text not null,
    primary key (council_id, lodgement_id)
);

create table dd_instruction (
    council_id integer not null,
    instruction_id integer not null,
    mandate_id integer not null,
    code text not null check (code in ('0N', '0C', '0S')),
    created_at text not null,
    lodgement_id integer,
    primary key (council_id, instruction_id),
    foreign key (council_id, mandate_id) references dd_mandate (council_id, mandate_id),
    foreign key (council_id, lodgement_id) references dd_lodgement (council_id, lodgement_id)
);
create index dd_instruction_pending on dd_instruction (council_id, lodgement_id);

create table dd_collection_run (
    council_id integer not null,
    run_id integer not null,
    processing_date text not null,
    entry_date text not null,
    serial text not null,
    collections integer not null,
    total_pence integer not null,
    content text not null,
    created_at text not null,
    created_by text not null,
    primary key (council_id, run_id)
);
create index dd_collection_run_by_date on dd_collection_run (council_id, processing_date);

-- One collection of one instalment under one mandate. Attempt 1 is the collection (01, 17 or 19), attempt 2 its
-- one re-presentation (18). The unique key is what makes a re-run of the same processing day collect nothing twice.
-- status: 'collected'; 'represent-due' (returned with ARUDD reason 0, to go again once); 'represented'; 'unpaid'.
create table dd_collection (
    council_id integer not null,
    collection_id integer not null,
    run_id integer not null,
    mandate_id integer not null,
    account_id integer not null,
    financial_year integer not null,
    due_on text not null,
    attempt integer not null check (attempt in (1, 2)),
    code text not null check (code in ('01', '17', '18', '19')),
    amount_pence integer not null check (amount_pence > 0),
    processing_date text not null,
    entry_id integer not null,
    status text not null check (status in ('collected', 'represent-due', 'represented', 'unpaid')),
    return_code text,
    returned_on text,
    primary key (council_id, collection_id),
    unique (council_id, mandate_id, financial_year, due_on, attempt),
    foreign key (council_id, run_id) references dd_collection_run (council_id, run_id),
    foreign key (council_id, mandate_id) references dd_mandate (council_id, mandate_id)
);
create index dd_collection_by_run on dd_collection (council_id, run_id);
create index dd_collection_by_status on dd_collection (council_id, status);

-- ADDACS and AUDDIS reports, known by SHA-256 like payment files, with what became of each advice.
create table bacs_report_import (
    council_id integer not null references council (council_id),
    import_id integer not null,
    kind text not null check (kind in ('addacs', 'auddis')),
    sha256 text not null,
    file_name text not null,
    items integer not null,
    imported_at text not null,
    imported_by text not null,
    primary key (council_id, import_id),
    unique (council_id, sha256)
);

create table bacs_report_item (
    council_id integer not null,
    import_id integer not null,
    item_no integer not null,
    reference text not null,
    reason_code text not null,
    mandate_id integer,
    outcome text not null,
    primary key (council_id, import_id, item_no),
    foreign key (council_id, import_id) references bacs_report_import (council_id, import_id)
);

-- Collection runs read the instalments due in a few days' window; the index carries what they read, so the
-- table itself is not visited (reeve bench dd).
create index instalment_by_due on instalment (council_id, due_on, account_id, financial_year, version, seq, amount_pence);
