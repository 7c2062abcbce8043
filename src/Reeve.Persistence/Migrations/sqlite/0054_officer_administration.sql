-- Issue 17, officer administration. A System Administrator creates officers and keeps their details: an email address
-- to reach them, the approval limit for money steps (none for a role that may not approve money), and whether the
-- account is disabled (a disabled officer cannot sign in; their sessions are ended when it is disabled). The time of
-- the last sign-in is kept for the administrator's list.
alter table officer add column email text;
alter table officer add column approval_limit_pence integer;
alter table officer add column disabled_at text;
alter table officer add column last_signed_in_at text;

-- One-time links to set a password: a new officer's first, or a reset an administrator issues. Only a SHA-256 hash of
-- the random token is kept, so a copy of this table opens nothing; each link is used once and expires.
create table officer_password_link (
    token_hash text primary key,
    officer_id integer not null references officer (officer_id),
    purpose text not null check (purpose in ('first-password', 'reset')),
    issued_by text not null,
    issued_at text not null,
    expires_at text not null,
    used_at text
);
create index officer_password_link_by_officer on officer_password_link (officer_id);
