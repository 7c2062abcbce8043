-- Card refunds paid back through GOV.UK Pay's refund API: for each approved card refund, the latest attempt,
-- GOV.UK Pay's refund id and status (submitted, success, error), or why it was refused, shown to the officer.
-- One row per refund, updated by each attempt: a failed or refused refund stays unpaid until an attempt succeeds.

create table card_refund (
    council_id integer not null,
    refund_id bigint not null,
    pay_payment_id text not null,
    pay_refund_id text,
    status text not null check (status in ('submitted', 'success', 'error', 'refused')),
    problem text,
    attempts integer not null,
    updated_at timestamptz not null,
    updated_by text not null,
    primary key (council_id, refund_id),
    foreign key (council_id, refund_id) references refund_request (council_id, refund_id)
);
