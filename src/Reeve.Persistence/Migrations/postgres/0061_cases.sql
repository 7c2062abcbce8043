-- Cases (issue 17): complaints, FOI and EIR requests, subject access requests, councillor and MP enquiries. A case is
-- one row of its present state (stage, deadline, state, outcome); case_event is its history, append-only, and the
-- clock is worked out again from that history (pauses, extensions, escalations) whenever it changes. The accounts a
-- case concerns are rows of their own; response letters are PDFs kept in Letters' document store by their hash.
create table case_record (
    council_id integer not null references council (council_id),
    case_id bigint not null,
    kind text not null check (kind in ('complaint', 'foi', 'eir', 'sar', 'councillor', 'mp')),
    received_on date not null,
    requester_party_id bigint,
    requester_name text not null,
    requester_address text not null,
    party_id bigint,
    description text not null,
    assigned_to text,
    stage integer not null default 1,
    stage_started_on date not null,
    deadline date,
    state text not null check (state in ('open', 'paused', 'closed')),
    outcome text,
    response text,
    closed_on date,
    opened_by text not null,
    opened_at timestamptz not null,
    source_key text not null,
    primary key (council_id, case_id),
    foreign key (council_id, requester_party_id) references party (council_id, party_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create unique index case_record_by_source on case_record (council_id, source_key);
create index case_record_open on case_record (council_id, state, deadline);
create index case_record_by_party on case_record (council_id, party_id);
create index case_record_by_requester on case_record (council_id, requester_party_id);

create table case_account (
    council_id integer not null,
    case_id bigint not null,
    account_id bigint not null,
    primary key (council_id, case_id, account_id),
    foreign key (council_id, case_id) references case_record (council_id, case_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);

create table case_event (
    council_id integer not null,
    event_id bigint not null,
    case_id bigint not null,
    kind text not null check (kind in ('opened', 'assigned', 'paused', 'resumed', 'extended', 'escalated', 'responded', 'closed', 'referred', 'letter')),
    on_date date not null,
    pause_reason text check (pause_reason in ('clarification', 'fee', 'identity')),
    detail text not null,
    officer text not null,
    at timestamptz not null,
    primary key (council_id, event_id),
    foreign key (council_id, case_id) references case_record (council_id, case_id)
);
create index case_event_by_case on case_event (council_id, case_id, event_id);

create table case_letter (
    council_id integer not null,
    letter_id bigint not null,
    case_id bigint not null,
    party_id bigint,
    content_hash text not null,
    issued_on date not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, letter_id),
    foreign key (council_id, case_id) references case_record (council_id, case_id),
    foreign key (council_id, content_hash) references letter_document (council_id, content_hash)
);
create index case_letter_by_case on case_letter (council_id, case_id);
create index case_letter_by_party on case_letter (council_id, party_id);
