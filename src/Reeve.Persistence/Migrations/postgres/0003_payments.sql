-- Payments received from files (bank statements, agent files). One row per file imported, keyed by the SHA-256 of
-- its bytes so that the same file imported again posts nothing; credits that match an account are Payment entries
-- in the ledger, and the rest wait in the suspense queue until an officer allocates them.

create table payment_import (
    council_id integer not null references council (council_id),
    import_id bigint not null,
    sha256 text not null,
    file_name text not null,
    format text not null check (format in ('camt053', 'bank-csv', 'agent-csv')),
    credits integer not null,
    posted_count integer not null,
    posted_pence bigint not null,
    suspense_count integer not null,
    suspense_pence bigint not null,
    imported_at timestamptz not null,
    imported_by text not null,
    primary key (council_id, import_id),
    unique (council_id, sha256)
);

-- A credit Reeve could not put on an account. 'reason' says why ('no reference', 'check digit wrong', 'no such account',
-- 'several references'); 'line' names where it came from in the file. Allocating it posts the payment and keeps the row.
create table suspense_item (
    council_id integer not null,
    item_id bigint not null,
    import_id bigint,
    line text not null,
    channel text not null,
    amount_pence bigint not null check (amount_pence > 0),
    paid_on date not null,
    payer_name text,
    reference_text text not null,
    bank_reference text not null,
    reason text not null,
    status text not null check (status in ('open', 'allocated')),
    allocated_account_id bigint,
    allocated_at timestamptz,
    allocated_by text,
    created_at timestamptz not null,
    primary key (council_id, item_id),
    foreign key (council_id, import_id) references payment_import (council_id, import_id),
    foreign key (council_id, allocated_account_id) references account (council_id, account_id)
);
create index suspense_item_by_status on suspense_item (council_id, status, item_id);

-- ARUDD reports (formats.md 2.3), keyed by SHA-256 like payment files; one row per returned debit with what became
-- of it: the Direct Debit payment it reversed, or why none was (the item is kept for an officer either way).
create table arudd_import (
    council_id integer not null references council (council_id),
    import_id bigint not null,
    sha256 text not null,
    file_name text not null,
    advice_number text not null,
    processing_date date not null,
    items integer not null,
    reversed_count integer not null,
    reversed_pence bigint not null,
    imported_at timestamptz not null,
    imported_by text not null,
    primary key (council_id, import_id),
    unique (council_id, sha256)
);

create table returned_debit (
    council_id integer not null,
    import_id bigint not null,
    item_no integer not null,
    bacs_reference text not null,
    return_code text not null,
    amount_pence bigint not null,
    original_processing_date date not null,
    account_id bigint,
    reversed_entry_id bigint,
    outcome text not null,
    primary key (council_id, import_id, item_no),
    foreign key (council_id, import_id) references arudd_import (council_id, import_id)
);
