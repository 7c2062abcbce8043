-- Holds on recovery: while a hold is in force the recovery run takes no step on the account and says why.
-- Holds come from officers (dispute, appeal, a claim being assessed, insolvency, death) and from other modules
-- (an arrangement being kept, a Breathing Space moratorium, a vulnerability flag). A hold is ended by setting its
-- last day, never deleted, so the account's history shows every hold it has had.
create table account_hold (
    council_id integer not null,
    hold_id integer not null,
    account_id integer not null,
    reason text not null check (reason in ('arrangement', 'dispute', 'appeal', 'claim', 'breathing-space',
        'mental-health-crisis', 'insolvency', 'vulnerable', 'deceased', 'officer')),
    hold_from text not null,
    hold_to text,
    note text not null,
    placed_by text not null,
    placed_at text not null,
    source_key text,
    ended_by text,
    ended_at text,
    primary key (council_id, hold_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    check (hold_to is null or hold_to >= date(hold_from, '-1 day'))
);
create index account_hold_by_account on account_hold (council_id, account_id);
create unique index account_hold_by_source on account_hold (council_id, source_key) where source_key is not null;
