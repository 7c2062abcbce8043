-- Letters for every module: a queue of letter requests (one per source key, so asking twice queues once),
-- returned mail marking an address gone-away (its notices are held, not printed), consent to email and
-- text message, what was sent through GOV.UK Notify and its delivery status, template versions written by
-- managers, and print runs of queued requests with their files.

create table letter_request (
    council_id integer not null,
    request_id bigint not null,
    account_id bigint not null,
    letter_type text not null,
    request_date date not null,
    source_key text not null,
    fields text not null,
    requested_at timestamptz not null,
    primary key (council_id, request_id),
    unique (council_id, source_key),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create index letter_request_by_type on letter_request (council_id, letter_type, request_date);
create index letter_request_by_account on letter_request (council_id, account_id);

-- Which notice answered a request; written once, when the notice is stored.
create table letter_request_notice (
    council_id integer not null,
    request_id bigint not null,
    notice_id bigint not null,
    primary key (council_id, request_id),
    foreign key (council_id, request_id) references letter_request (council_id, request_id),
    foreign key (council_id, notice_id) references letter_notice (council_id, notice_id)
);

-- Mail came back "gone away" from a party's address; cleared when the party's address is confirmed again.
create table returned_mail (
    council_id integer not null,
    party_id bigint not null,
    address_seq integer not null,
    returned_on date not null,
    cleared_on date,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, party_id, address_seq, returned_on),
    foreign key (council_id, party_id) references party (council_id, party_id)
);

create table contact_consent (
    council_id integer not null,
    party_id bigint not null,
    consent_seq integer not null,
    channel text not null check (channel in ('email', 'sms')),
    address text not null,
    given_on date not null,
    withdrawn_on date,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, party_id, consent_seq),
    foreign key (council_id, party_id) references party (council_id, party_id)
);

-- One row per notice sent through Notify: the reference Notify holds is the notice id, so a retry after an
-- unclear answer asks Notify whether it already has the notice before sending it again.
create table notify_message (
    council_id integer not null,
    notice_id bigint not null,
    channel text not null check (channel in ('email', 'sms')),
    recipient text not null,
    template_id text not null,
    personalisation text not null,
    reference text not null,
    notify_id text,
    status text not null,
    attempts integer not null,
    last_error text,
    updated_at timestamptz not null,
    primary key (council_id, notice_id),
    foreign key (council_id, notice_id) references letter_notice (council_id, notice_id)
);
create unique index notify_message_by_notify_id on notify_message (notify_id);
create unique index notify_message_by_reference on notify_message (reference);

create table letter_template (
    council_id integer not null,
    letter_type text not null,
    channel text not null check (channel in ('letter', 'email', 'sms')),
    version integer not null,
    effective_from date not null,
    source text not null,
    saved_by text not null,
    saved_at timestamptz not null,
    primary key (council_id, letter_type, channel, version)
);

create table letter_print_run (
    council_id integer not null,
    print_id bigint not null,
    letter_type text not null,
    request_date date not null,
    letters integer not null,
    pages integer not null,
    held integer not null,
    manifest_sha256 text not null,
    printed_at timestamptz not null,
    printed_by text not null,
    primary key (council_id, print_id)
);

create table letter_print_file (
    council_id integer not null,
    print_id bigint not null,
    file_name text not null,
    content_hash text not null,
    primary key (council_id, print_id, file_name),
    foreign key (council_id, print_id) references letter_print_run (council_id, print_id),
    foreign key (council_id, content_hash) references letter_document (council_id, content_hash)
);
