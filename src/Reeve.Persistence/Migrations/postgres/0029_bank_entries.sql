-- Bank statements as banks send them (issue 21). The council's own bank accounts, so that a statement is posted
-- only for an account the council has recorded, and into the council that owns it (an account belongs to one
-- council: sort code and account number, and IBAN, are unique across councils).
create table council_bank_account (
    council_id integer not null references council (council_id),
    bank_account_id bigint not null,
    name text not null,
    sort_code text,
    account_number text,
    iban text,
    currency text not null default 'GBP',
    open_from date,
    closed_on date,
    recorded_at timestamptz not null,
    recorded_by text not null,
    primary key (council_id, bank_account_id),
    check (iban is not null or (sort_code is not null and account_number is not null))
);
create unique index council_bank_account_by_number on council_bank_account (sort_code, account_number) where sort_code is not null;
create unique index council_bank_account_by_iban on council_bank_account (iban) where iban is not null;

-- Every bank entry (statement credit, CSV line, agent payment) an import met, by the bank's own key for it: its
-- reference where it has one, else a fingerprint (see docs/domain/bank-statements.md). 'scope' is where the key
-- is unique: 'bank-account:{id}' for a camt.053 statement's account, the file format for CSV and agent files.
-- An entry is posted at most once: a later import that meets the same key records it as 'duplicate' and posts
-- nothing (the partial unique index makes that a rule of the database, not only of the importer).
create table bank_entry (
    council_id integer not null,
    import_id bigint not null,
    line text not null,
    scope text not null,
    entry_key text not null,
    key_source text not null,
    booked_on date not null,
    amount_pence bigint not null,
    end_to_end_id text,
    outcome text not null check (outcome in ('posted', 'suspense', 'duplicate', 'reversed', 'officer')),
    note text,
    primary key (council_id, import_id, line),
    foreign key (council_id, import_id) references payment_import (council_id, import_id)
);
create unique index bank_entry_once on bank_entry (council_id, scope, entry_key) where outcome <> 'duplicate';
create index bank_entry_by_day on bank_entry (council_id, scope, booked_on);
create index bank_entry_for_officer on bank_entry (council_id, outcome) where outcome = 'officer';
