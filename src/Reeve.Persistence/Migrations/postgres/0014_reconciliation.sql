-- Reconciliation (issue 4). The credits of each imported payment file by the day they were paid, kept at import
-- so that the bank's figure for a day can be set against what the ledger and the suspense queue hold for it.
create table payment_import_day (
    council_id integer not null,
    import_id bigint not null,
    paid_on date not null,
    credits integer not null,
    credit_pence bigint not null,
    primary key (council_id, import_id, paid_on),
    foreign key (council_id, import_id) references payment_import (council_id, import_id)
);
create index payment_import_day_by_day on payment_import_day (council_id, paid_on);

-- Card payments taken through GOV.UK Pay: one row per payment created, with GOV.UK Pay's id and last known
-- status. The ledger entry is keyed 'govuk-pay:{pay_id}', so the return page, the webhook and the status
-- reconciliation can all see a success and the payment is still posted once.
create table card_payment (
    council_id integer not null,
    card_payment_id bigint not null,
    account_id bigint not null,
    amount_pence bigint not null check (amount_pence > 0),
    reference text not null,
    pay_id text,
    next_url text,
    status text not null,
    finished boolean not null,
    created_at timestamptz not null,
    created_by text not null,
    updated_at timestamptz not null,
    primary key (council_id, card_payment_id),
    foreign key (council_id, account_id) references account (council_id, account_id)
);
create unique index card_payment_by_pay_id on card_payment (pay_id);
