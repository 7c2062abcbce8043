-- Refunds of credits on accounts (issue 4). Each council sets the amount above which a second officer (a Team
-- Leader or above, never the requester) must approve, and the Bacs service user its refund credits are paid from.
create table refund_setting (
    council_id integer not null primary key references council (council_id),
    approval_limit_pence integer not null check (approval_limit_pence >= 0),
    service_user_number text,
    sort_code text,
    account_number text,
    account_name text
);

-- The bank details a refund was asked to go to, newest last per account: a refund to details first given or
-- changed in the last 30 days is held for review (fraud guard: a changed account is the usual mandate fraud).
create table refund_bank_details (
    council_id integer not null,
    details_id integer not null,
    account_id integer not null,
    sort_code text not null,
    account_number text not null,
    account_name text not null,
    recorded_on text not null,
    recorded_by text not null,
    primary key (council_id, details_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create index refund_bank_details_by_account on refund_bank_details (council_id, account_id, details_id);

-- A Bacs Direct Credit file of refunds for one processing day; made once, re-run writes the same file again.
create table refund_payment_run (
    council_id integer not null references council (council_id),
    run_id integer not null,
    processing_date text not null,
    refunds integer not null,
    total_pence integer not null,
    sha256 text not null,
    created_at text not null,
    created_by text not null,
    primary key (council_id, run_id),
    unique (council_id, processing_date)
);

create table refund_request (
    council_id integer not null,
    refund_id integer not null,
    account_id integer not null,
    amount_pence integer not null check (amount_pence > 0),
    method text not null check (method in ('bank', 'card')),
    details_id integer,
    card_payment_id text,
    reason text not null,
    status text not null check (status in ('awaiting-approval', 'held-for-review', 'approved', 'paid', 'rejected')),
    needs_approval integer not null,
    held_for_review integer not null,
    requested_on text not null,
    requested_at text not null,
    requested_by text not null,
    decided_at text,
    decided_by text,
    decision_note text,
    run_id integer,
    primary key (council_id, refund_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    foreign key (council_id, details_id) references refund_bank_details (council_id, details_id),
    foreign key (council_id, run_id) references refund_payment_run (council_id, run_id)
);
create index refund_request_by_status on refund_request (council_id, status, refund_id);
create index refund_request_by_account on refund_request (council_id, account_id);
