-- Reeve foundation schema for PostgreSQL. Every key leads with council_id so one installation can
-- serve several councils and the data can later be split across machines by council.

create table council (
    council_id integer primary key,
    code text not null unique,
    name text not null,
    created_at timestamptz not null
);

create table id_block (
    council_id integer not null references council (council_id),
    kind text not null,
    next_id bigint not null,
    primary key (council_id, kind)
);

create table party (
    council_id integer not null references council (council_id),
    party_id bigint not null,
    kind text not null check (kind in ('person', 'organisation')),
    date_of_birth date,
    deceased_on date,
    version integer not null default 1,
    created_at timestamptz not null,
    primary key (council_id, party_id)
);

-- Names are history: a marriage or a deed poll adds a row; the newest row is the current name.
create table party_name (
    council_id integer not null,
    party_id bigint not null,
    name_seq integer not null,
    title text,
    forenames text,
    surname text,
    organisation_name text,
    display_name text not null,
    search_key text not null,
    effective_from date not null,
    reason text not null,
    recorded_at timestamptz not null,
    recorded_by text not null,
    primary key (council_id, party_id, name_seq),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index party_name_search on party_name (council_id, search_key text_pattern_ops);

create table party_contact (
    council_id integer not null,
    party_id bigint not null,
    contact_seq integer not null,
    kind text not null check (kind in ('email', 'phone', 'mobile')),
    value text not null,
    is_preferred boolean not null default false,
    recorded_at timestamptz not null,
    primary key (council_id, party_id, contact_seq),
    foreign key (council_id, party_id) references party (council_id, party_id)
);

create table property (
    council_id integer not null references council (council_id),
    uprn bigint not null,
    address_line1 text not null,
    address_line2 text,
    address_line3 text,
    town text not null,
    postcode text not null,
    kind text not null check (kind in ('domestic', 'non-domestic')),
    band text,
    search_key text not null,
    version integer not null default 1,
    created_at timestamptz not null,
    primary key (council_id, uprn)
);
create index property_search on property (council_id, search_key text_pattern_ops);

-- Where a party can be written to, with dates; uprn is set when the address is a property we hold.
create table party_address (
    council_id integer not null,
    party_id bigint not null,
    address_seq integer not null,
    uprn bigint,
    address_line1 text not null,
    address_line2 text,
    address_line3 text,
    town text not null,
    postcode text not null,
    valid_from date not null,
    valid_to date,
    primary key (council_id, party_id, address_seq),
    foreign key (council_id, party_id) references party (council_id, party_id)
);

create table account (
    council_id integer not null references council (council_id),
    account_id bigint not null,
    reference text not null,
    kind text not null,
    uprn bigint,
    opened_on date not null,
    closed_on date,
    payment_method text not null default 'cash',
    version integer not null default 1,
    created_at timestamptz not null,
    primary key (council_id, account_id),
    unique (council_id, reference),
    foreign key (council_id, uprn) references property (council_id, uprn)
);
create index account_by_property on account (council_id, uprn);

create table account_party (
    council_id integer not null,
    account_id bigint not null,
    party_id bigint not null,
    role text not null check (role in ('liable', 'joint')),
    liable_from date not null,
    liable_to date,
    primary key (council_id, account_id, party_id, liable_from),
    foreign key (council_id, account_id) references account (council_id, account_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index account_party_by_party on account_party (council_id, party_id);

-- The ledger. Each row is one balanced double entry: amount moves from credit_book to debit_book.
-- Rows are never updated or deleted; a correction is a new row that names the row it reverses.
create table ledger_entry (
    council_id integer not null,
    entry_id bigint not null,
    account_id bigint not null,
    kind text not null,
    debit_book text not null,
    credit_book text not null,
    amount_pence bigint not null check (amount_pence > 0),
    financial_year integer not null,
    effective_date date not null,
    posted_at timestamptz not null,
    posted_by text not null,
    reason text not null,
    source_rule text not null,
    reverses_entry_id bigint,
    idempotency_key text,
    primary key (council_id, entry_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    check (debit_book <> credit_book)
);
create index ledger_entry_by_account on ledger_entry (council_id, account_id);
create unique index ledger_entry_idempotency on ledger_entry (council_id, idempotency_key);
create unique index ledger_entry_reversal on ledger_entry (council_id, reverses_entry_id);

create function ledger_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are never changed or deleted: post a reversal instead';
end $$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_is_append_only();

create table account_event (
    council_id integer not null,
    event_id bigint not null,
    account_id bigint not null,
    occurred_at timestamptz not null,
    effective_date date not null,
    kind text not null,
    summary text not null,
    officer text not null,
    source_rule text,
    primary key (council_id, event_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create index account_event_by_account on account_event (council_id, account_id);

-- Officers may serve several councils in a shared service, so they are installation-wide;
-- officer_council says which councils each may work on.
create table officer (
    officer_id integer primary key,
    username text not null unique,
    display_name text not null,
    password_hash text not null,
    role text not null,
    home_council_id integer not null references council (council_id),
    failed_sign_ins integer not null default 0,
    locked_until timestamptz,
    version integer not null default 1,
    created_at timestamptz not null
);

create table officer_council (
    officer_id integer not null references officer (officer_id),
    council_id integer not null references council (council_id),
    primary key (officer_id, council_id)
);

create table audit_log (
    council_id integer not null,
    audit_id bigint not null,
    at timestamptz not null,
    officer text not null,
    action text not null,
    subject_kind text not null,
    subject_id text not null,
    detail text not null,
    remote_address text,
    primary key (council_id, audit_id)
);
create index audit_log_by_subject on audit_log (council_id, subject_kind, subject_id);
create index audit_log_by_officer on audit_log (council_id, officer, at);
