-- One view of a person: income and expenditure (Standard Financial Statement), spending guidelines as council
-- configuration, arrangements to pay across a person's debts, vulnerability with consent, signposting, Breathing
-- Space moratoriums (SI 2020/1311) with a matching queue, and likely duplicate people with an officer's decision.

-- Spending guideline ("trigger") figures are licensed to SFS members, so each council loads its own, effective
-- from a date (the SFS updates them on the first Monday in April).
create table spending_guideline (
    council_id integer not null references council (council_id),
    category text not null,
    effective_from text not null,
    first_adult_pence integer not null check (first_adult_pence >= 0),
    each_other_adult_pence integer not null check (each_other_adult_pence >= 0),
    each_child_pence integer not null check (each_child_pence >= 0),
    label text not null,
    primary key (council_id, category, effective_from)
);

create table income_expenditure (
    council_id integer not null,
    ie_id integer not null,
    party_id integer not null,
    taken_on text not null,
    taken_at text not null,
    taken_by text not null,
    household_adults integer not null check (household_adults >= 1),
    household_children integer not null check (household_children >= 0),
    primary key (council_id, ie_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index income_expenditure_by_party on income_expenditure (council_id, party_id);

-- One line per category: section is income or expenditure (a monthly amount) or debt (another creditor's debt:
-- the balance owed, its kind and whether it is a priority debt).
create table income_expenditure_line (
    council_id integer not null,
    ie_id integer not null,
    line_no integer not null,
    section text not null check (section in ('income', 'expenditure', 'debt')),
    category text not null,
    amount_pence integer not null check (amount_pence >= 0),
    debt_kind text,
    is_priority integer not null default 0,
    primary key (council_id, ie_id, line_no),
    foreign key (council_id, ie_id) references income_expenditure (council_id, ie_id)
);

-- The council's arrangement policy: an officer may approve up to these limits, a Team Leader above them.
create table arrangement_policy (
    council_id integer not null references council (council_id),
    effective_from text not null,
    officer_max_months integer not null check (officer_max_months > 0),
    officer_max_total_pence integer not null check (officer_max_total_pence > 0),
    grace_days integer not null default 7 check (grace_days >= 0),
    primary key (council_id, effective_from)
);

-- An arrangement is versioned: renegotiation adds a version that supersedes the last, so history is kept.
create table arrangement (
    council_id integer not null,
    arrangement_id integer not null,
    party_id integer not null,
    version_no integer not null,
    supersedes_id integer,
    ie_id integer,
    frequency text not null check (frequency in ('weekly', 'fortnightly', 'monthly')),
    total_pence integer not null check (total_pence > 0),
    start_on text not null,
    status text not null check (status in ('kept', 'broken', 'superseded', 'completed')),
    proposed_by text not null,
    approved_by text not null,
    approved_role text not null,
    approved_at text not null,
    missed_count integer not null default 0,
    grace_until text,
    ended_on text,
    end_reason text,
    primary key (council_id, arrangement_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index arrangement_by_party on arrangement (council_id, party_id);

create table arrangement_account (
    council_id integer not null,
    arrangement_id integer not null,
    account_id integer not null,
    amount_pence integer not null check (amount_pence > 0),
    monthly_pence integer not null check (monthly_pence >= 0),
    primary key (council_id, arrangement_id, account_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);

create table arrangement_instalment (
    council_id integer not null,
    arrangement_id integer not null,
    instalment_no integer not null,
    due_on text not null,
    amount_pence integer not null check (amount_pence > 0),
    missed_noted_on text,
    primary key (council_id, arrangement_id, instalment_no)
);

create table vulnerability_flag (
    council_id integer not null,
    flag_id integer not null,
    party_id integer not null,
    category text not null check (category in ('health', 'life-events', 'resilience', 'capability')),
    detail text not null,
    consent_given integer not null,
    consent_on text not null,
    review_on text not null,
    visible_to text not null check (visible_to in ('Officer', 'TeamLeader', 'Manager')),
    holds_recovery integer not null default 0,
    stops_enforcement integer not null default 0,
    recorded_by text not null,
    recorded_at text not null,
    ended_on text,
    primary key (council_id, flag_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index vulnerability_flag_by_party on vulnerability_flag (council_id, party_id);

create table signposting (
    council_id integer not null,
    signpost_id integer not null,
    party_id integer not null,
    scheme text not null check (scheme in ('free-debt-advice', 'council-tax-reduction', 'discretionary-housing-payment', 'local-welfare')),
    signposted_on text not null,
    note text not null,
    recorded_by text not null,
    recorded_at text not null,
    primary key (council_id, signpost_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index signposting_by_party on signposting (council_id, party_id);

-- A Breathing Space notification; party_id is null while it waits in the matching queue for an officer.
create table breathing_space (
    council_id integer not null,
    moratorium_id integer not null,
    party_id integer,
    kind text not null check (kind in ('standard', 'mental-health-crisis')),
    reference text not null,
    start_date text not null,
    treatment_ended_on text,
    end_date text,
    source text not null,
    notified_name text not null,
    notified_date_of_birth text,
    notified_postcode text,
    status text not null check (status in ('unmatched', 'active', 'ended', 'cancelled')),
    recorded_by text not null,
    recorded_at text not null,
    primary key (council_id, moratorium_id),
    unique (council_id, reference)
);
create index breathing_space_by_party on breathing_space (council_id, party_id);

-- Likely duplicates found by score; an officer confirms or rejects; only a confirmed pair may be merged.
create table party_duplicate (
    council_id integer not null,
    party_a integer not null,
    party_b integer not null,
    score integer not null,
    reasons text not null,
    decision text check (decision in ('confirmed', 'rejected', 'merged')),
    decided_by text,
    decided_at text,
    primary key (council_id, party_a, party_b),
    check (party_a < party_b)
);

-- A merged person points to the one they were merged into; the survivor's page lists who was merged into it.
alter table party add column merged_into integer;
create index party_by_merged_into on party (council_id, merged_into) where merged_into is not null;
