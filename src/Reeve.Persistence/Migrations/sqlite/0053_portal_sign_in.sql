-- The residents' portal (issue 18): who signs in (by a confirmed email address), which accounts each has proven they
-- are liable on, the one-time codes sent through GOV.UK Notify (stored hashed, single use, short expiry), and every
-- attempt at a sign-in step, refused or not, which the rate limits and lockout count.
create table portal_user (
    council_id integer not null references council (council_id),
    user_id integer not null,
    email text not null,
    created_at text not null,
    primary key (council_id, user_id)
);
create unique index portal_user_by_email on portal_user (council_id, email);

create table portal_link (
    council_id integer not null,
    user_id integer not null,
    account_id integer not null,
    linked_at text not null,
    primary key (council_id, user_id, account_id),
    foreign key (council_id, user_id) references portal_user (council_id, user_id)
);

create table portal_code (
    council_id integer not null references council (council_id),
    code_id integer not null,
    email text not null,
    purpose text not null check (purpose in ('sign-up', 'sign-in')),
    account_id integer,
    code_hash text not null,
    created_at text not null,
    expires_at text not null,
    used_at text,
    wrong_tries integer not null default 0,
    primary key (council_id, code_id)
);

create table portal_attempt (
    council_id integer not null references council (council_id),
    attempt_id integer not null,
    at text not null,
    step text not null check (step in ('proof', 'email', 'code')),
    subject text not null,
    address text not null,
    refused integer not null check (refused in (0, 1)),
    primary key (council_id, attempt_id)
);
create index portal_attempt_by_subject on portal_attempt (council_id, subject, at);
create index portal_attempt_by_address on portal_attempt (council_id, address, at);
