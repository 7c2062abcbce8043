-- Issue 19, money controls. A reversal that lowers what an account owes (a charge, costs, an increase, a refund, a
-- transfer in) is a write-off by another name: above the council's approval limit (refund_setting) it waits here for
-- a Team Leader or Manager who did not ask for it. One live request per entry; the reversal itself is the ledger's.
create table reversal_request (
    council_id integer not null,
    request_id bigint not null,
    account_id bigint not null,
    entry_id bigint not null,
    amount_pence bigint not null check (amount_pence > 0),
    reason text not null,
    status text not null check (status in ('awaiting-approval', 'approved', 'rejected')),
    requested_at timestamptz not null,
    requested_by text not null,
    decided_at timestamptz,
    decided_by text,
    decision_note text,
    reversal_entry_id bigint,
    primary key (council_id, request_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create unique index reversal_request_waiting on reversal_request (council_id, entry_id) where status = 'awaiting-approval';
create index reversal_request_by_status on reversal_request (council_id, status, request_id);
