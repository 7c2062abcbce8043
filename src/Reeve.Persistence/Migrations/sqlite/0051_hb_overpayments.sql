-- Housing Benefit overpayments (issue 16, first slice). A claim as the benefits system knows it, with the people on it by
-- role (claimant, partner, landlord, appointee), each a party in People; the weekly Housing Benefit it pays now (nothing
-- once it has ended) and the weekly top-up the council adds to the maximum deduction, no more than half the claimant's
-- earnings or income disregard (HB Regs 2006 reg 102(3)).
create table hb_claim (
    council_id integer not null references council (council_id),
    claim_reference text not null,
    weekly_award_pence integer not null check (weekly_award_pence >= 0),
    weekly_disregard_pence integer not null check (weekly_disregard_pence >= 0),
    top_up_pence integer not null check (top_up_pence >= 0 and top_up_pence * 2 <= weekly_disregard_pence),
    recorded_at text not null,
    primary key (council_id, claim_reference)
);

create table hb_claim_party (
    council_id integer not null,
    claim_reference text not null,
    role text not null check (role in ('claimant', 'partner', 'landlord', 'appointee')),
    party_id integer not null,
    primary key (council_id, claim_reference, role),
    foreign key (council_id, claim_reference) references hb_claim (council_id, claim_reference)
);
create index hb_claim_party_by_party on hb_claim_party (council_id, party_id);

-- Overpayment decision files from the benefits system, each once (by the file's SHA-256).
create table hb_decision_import (
    council_id integer not null references council (council_id),
    import_id integer not null,
    file_name text not null,
    file_sha256 text not null,
    lines integer not null,
    imported_by text not null,
    imported_at text not null,
    primary key (council_id, import_id)
);
create unique index hb_decision_import_by_file on hb_decision_import (council_id, file_sha256);

-- Each decision, by the benefits system's reference. A recoverable one is a debt: an account of kind hb-overpayment liable
-- to the person it is recovered from, charged through the ledger (charge_entry_id). A revised decision names the one it
-- revises: that one's charge is reversed and the revision charged in its place (on the same account when the same person
-- owes it). An irrecoverable one is kept for the subsidy claim and charges nothing.
create table hb_overpayment (
    council_id integer not null,
    decision_reference text not null,
    claim_reference text not null,
    import_id integer not null,
    line_number integer not null,
    period_from text not null,
    period_to text not null,
    amount_pence integer not null check (amount_pence > 0),
    cause text not null check (cause in ('claimant-error', 'la-error', 'official-error', 'fraud')),
    recoverable integer not null check (recoverable in (0, 1)),
    recover_from text not null check (recover_from in ('claimant', 'partner', 'landlord', 'appointee')),
    party_id integer not null,
    decided_on text not null,
    due_on text not null,
    financial_year integer not null,
    revises text,
    account_id integer,
    charge_entry_id integer,
    fingerprint text not null,
    primary key (council_id, decision_reference),
    foreign key (council_id, claim_reference) references hb_claim (council_id, claim_reference),
    foreign key (council_id, import_id) references hb_decision_import (council_id, import_id),
    check (period_to >= period_from),
    check ((recoverable = 1) = (account_id is not null))
);
create unique index hb_overpayment_revised_once on hb_overpayment (council_id, revises);
create index hb_overpayment_by_account on hb_overpayment (council_id, account_id);
create index hb_overpayment_by_claim on hb_overpayment (council_id, claim_reference);
create index hb_overpayment_by_party on hb_overpayment (council_id, party_id);

-- What was taken from ongoing Housing Benefit in a benefit week (reg 102), once per debt and week, posted as a payment.
create table hb_deduction (
    council_id integer not null,
    account_id integer not null,
    week_starting text not null,
    claim_reference text not null,
    amount_pence integer not null check (amount_pence > 0),
    rate text not null check (rate in ('standard', 'fraud')),
    entry_id integer not null,
    recorded_by text not null,
    recorded_at text not null,
    primary key (council_id, account_id, week_starting),
    foreign key (council_id, claim_reference) references hb_claim (council_id, claim_reference)
);
create index hb_deduction_by_week on hb_deduction (council_id, week_starting);
