-- Issue 19, sessions and sign-in. Each signed-in browser holds a session named by a random id in its cookie; every
-- request checks the id is still here, and signing out deletes it, so a cookie copied before sign-out is refused after.
create table officer_session (
    session_id text primary key,
    officer_id integer not null references officer (officer_id),
    started_at timestamptz not null
);
create index officer_session_by_officer on officer_session (officer_id);

-- Wrong passwords counted per officer and per address they came from: five in a row from one address shut that
-- address out for fifteen minutes, while the officer still signs in from their own desk. (officer.failed_sign_ins
-- and officer.locked_until, the whole-account lock that let anyone keep any officer out, are no longer used.)
create table officer_sign_in_lock (
    officer_id integer not null references officer (officer_id),
    remote_address text not null,
    failures integer not null,
    locked_until timestamptz,
    primary key (officer_id, remote_address)
);

-- A local account's second factor (RFC 6238 TOTP, 30-second steps, six digits): the shared secret in Base32, when the
-- officer confirmed it with a first code (until then sign-in does not ask for one), and the last step a code was
-- accepted for, so a code is used once.
create table officer_second_factor (
    officer_id integer primary key references officer (officer_id),
    secret text not null,
    confirmed_at timestamptz,
    last_used_step bigint
);
