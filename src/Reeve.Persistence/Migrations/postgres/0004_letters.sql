-- Letters: every rendered notice is kept once by the SHA-256 of its bytes, and each sending of it is a row
-- linked to the account and to the account event that caused it. Neither table is ever updated.

create table letter_document (
    council_id integer not null references council (council_id),
    content_hash text not null,
    media_type text not null,
    byte_count integer not null,
    content bytea not null,
    stored_at timestamptz not null,
    primary key (council_id, content_hash)
);

create table letter_notice (
    council_id integer not null,
    notice_id bigint not null,
    account_id bigint not null,
    letter_type text not null,
    channel text not null check (channel in ('letter', 'email', 'sms')),
    template_version integer not null,
    content_hash text not null,
    caused_by_event_id bigint,
    issued_on date not null,
    recorded_at timestamptz not null,
    primary key (council_id, notice_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    foreign key (council_id, content_hash) references letter_document (council_id, content_hash),
    foreign key (council_id, caused_by_event_id) references account_event (council_id, event_id)
);
create index letter_notice_by_account on letter_notice (council_id, account_id);
