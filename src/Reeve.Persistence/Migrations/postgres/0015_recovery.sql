-- Recovery: the timetable each council follows, its costs, the runs that issue notices, the notices themselves,
-- magistrates' court sessions and hearing outcomes (CTAE Regs 1992 regs 23, 33-35; NNDR (Collection and
-- Enforcement) (Local Lists) Regs 1989 regs 8, 11-13).

-- A council's timetable for one kind of account, from a financial year on, until a row for a later year.
-- Without a row the statutory defaults in Reeve.Recovery apply.
create table recovery_profile (
    council_id integer not null references council (council_id),
    account_kind text not null check (account_kind in ('council-tax', 'business-rates')),
    from_year integer not null,
    reminder_days_after_due integer not null check (reminder_days_after_due between 1 and 60),
    summons_days_after_balance_due integer not null check (summons_days_after_balance_due between 0 and 120),
    minimum_days_summons_to_hearing integer not null check (minimum_days_summons_to_hearing >= 14),
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, account_kind, from_year)
);

-- The costs a council asks the court for (reg 34(7): costs reasonably incurred; no cap in England), from a date.
create table recovery_costs (
    council_id integer not null references council (council_id),
    account_kind text not null check (account_kind in ('council-tax', 'business-rates')),
    effective_from date not null,
    summons_costs_pence bigint not null check (summons_costs_pence >= 0),
    liability_order_costs_pence bigint not null check (liability_order_costs_pence >= 0),
    basis text not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, account_kind, effective_from)
);

-- A recovery run for one date: prepared (counts worked out), approved by a Team Leader who did not prepare it,
-- then executed in chunks of accounts; last_account_id is the progress record a resumed run starts after.
-- only_year, when set, limits the run to one financial year.
create table recovery_run (
    council_id integer not null references council (council_id),
    run_id bigint not null,
    run_date date not null,
    status text not null check (status in ('prepared', 'approved', 'executing', 'executed')),
    prepared_by text not null,
    prepared_at timestamptz not null,
    approved_by text,
    approved_at timestamptz,
    executed_at timestamptz,
    summary text not null,
    only_year integer,
    last_account_id bigint not null default 0,
    notices integer not null default 0,
    primary key (council_id, run_id)
);
create unique index recovery_run_one_per_date on recovery_run (council_id, run_date);

-- A magistrates' court session that hears liability order complaints.
create table court_session (
    council_id integer not null references council (council_id),
    session_id bigint not null,
    court text not null,
    session_date date not null,
    session_time text not null,
    capacity integer not null check (capacity > 0),
    created_by text not null,
    created_at timestamptz not null,
    primary key (council_id, session_id)
);

-- Every step the run takes on an account's year, one row each: reminders, loss of instalments, final notices and
-- summonses. A notice row is what the letters module prints (kind, account, date, sums); source_key makes the
-- run idempotent per account, year and step. A summons names its court session.
create table recovery_notice (
    council_id integer not null,
    notice_id bigint not null,
    account_id bigint not null,
    financial_year integer not null,
    step text not null check (step in ('first-reminder', 'second-reminder', 'instalments-lost', 'final-notice', 'summons')),
    notice_date date not null,
    amount_pence bigint not null,
    costs_pence bigint not null default 0,
    pay_by date,
    session_id bigint,
    served_on date,
    source_rule text not null,
    explanation text not null,
    run_id bigint,
    source_key text not null,
    costs_entry_id bigint,
    created_at timestamptz not null,
    primary key (council_id, notice_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create unique index recovery_notice_by_source on recovery_notice (council_id, source_key);
create index recovery_notice_by_account on recovery_notice (council_id, account_id);
create index recovery_notice_by_session on recovery_notice (council_id, session_id) where session_id is not null;
create index recovery_notice_by_run on recovery_notice (council_id, run_id);

-- What the court did with a summons. Adjourned may be followed by another outcome; the newest is in force.
create table court_outcome (
    council_id integer not null,
    outcome_id bigint not null,
    notice_id bigint not null,
    outcome text not null check (outcome in ('liability-order', 'withdrawn', 'adjourned', 'paid-before-hearing')),
    decided_on date not null,
    costs_pence bigint not null default 0,
    costs_entry_id bigint,
    note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, outcome_id),
    foreign key (council_id, notice_id) references recovery_notice (council_id, notice_id)
);
create index court_outcome_by_notice on court_outcome (council_id, notice_id);
