-- Enforcement after a liability order (issue 13), first slice: requests for information (CTAE Regs 1992 reg 36), the
-- replies, the employers they name and attachment of earnings orders (regs 37-39). The liability order itself is Recovery's:
-- liability_order_id is the id Recovery's LiabilityOrders query gives it (its court outcome), read through that query.

-- A request to a person liable under a liability order for their employment and income (reg 36(1)): 14 days to reply.
-- One row per person asked; the letter goes through the letters queue. status moves from awaiting-reply to replied, or to
-- no-reply when the day after reply_due passes without one (flagged_on).
create table information_request (
    council_id integer not null references council (council_id),
    request_id bigint not null,
    account_id bigint not null,
    liability_order_id bigint not null,
    financial_year integer not null,
    party_id bigint not null,
    issued_on date not null,
    reply_due date not null,
    status text not null check (status in ('awaiting-reply', 'replied', 'no-reply')),
    replied_on date,
    flagged_on date,
    source_key text not null,
    requested_by text not null,
    requested_at timestamptz not null,
    primary key (council_id, request_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    check (reply_due > issued_on)
);
create unique index information_request_by_source on information_request (council_id, source_key);
create index information_request_by_party on information_request (council_id, party_id);
create index information_request_awaiting on information_request (council_id, reply_due) where status = 'awaiting-reply';

-- An employer, one record shared by every reply that names it and every order made on it; match_key (the name and postcode
-- folded) finds it again.
create table employer (
    council_id integer not null references council (council_id),
    employer_id bigint not null,
    name text not null,
    address text not null,
    postcode text not null,
    payroll_contact text not null,
    match_key text not null,
    created_by text not null,
    created_at timestamptz not null,
    primary key (council_id, employer_id)
);
create unique index employer_by_match on employer (council_id, match_key);

-- What the person said (reg 36(1)): working or not, for whom, their pay and its period, and the benefits they receive
-- (codes, comma-separated).
create table information_reply (
    council_id integer not null,
    reply_id bigint not null,
    request_id bigint not null,
    party_id bigint not null,
    received_on date not null,
    employment text not null check (employment in ('employed', 'self-employed', 'not-working', 'retired')),
    employer_id bigint,
    payroll_number text not null,
    pay_period text check (pay_period in ('weekly', 'monthly', 'daily')),
    net_pay_pence bigint check (net_pay_pence >= 0),
    benefits text not null,
    note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, reply_id),
    foreign key (council_id, request_id) references information_request (council_id, request_id),
    foreign key (council_id, employer_id) references employer (council_id, employer_id),
    check ((employment = 'employed') = (employer_id is not null)),
    check ((pay_period is null) = (net_pay_pence is null))
);
create index information_reply_by_party on information_reply (council_id, party_id);

-- An attachment of earnings order (reg 37) on one liability order, to the debtor's employer: the sum it is for, the pay it
-- was worked out from and the deduction Schedule 4 gives (reg 38). At most two in force for one debtor (reg 37(4)), taking
-- priority in the order made (reg 42); ended when the sum is paid.
create table attachment_order (
    council_id integer not null,
    order_id bigint not null,
    account_id bigint not null,
    liability_order_id bigint not null,
    financial_year integer not null,
    party_id bigint not null,
    employer_id bigint not null,
    reply_id bigint,
    payroll_number text not null,
    made_on date not null,
    order_sum_pence bigint not null check (order_sum_pence > 0),
    pay_period text not null check (pay_period in ('weekly', 'monthly', 'daily')),
    net_pay_pence bigint not null check (net_pay_pence >= 0),
    deduction_pence bigint not null check (deduction_pence >= 0),
    deduction_source text not null,
    status text not null check (status in ('in-force', 'paid', 'ended')),
    ended_on date,
    end_reason text,
    source_key text not null,
    made_by text not null,
    made_at timestamptz not null,
    primary key (council_id, order_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    foreign key (council_id, employer_id) references employer (council_id, employer_id),
    foreign key (council_id, reply_id) references information_reply (council_id, reply_id),
    check ((status = 'in-force') = (ended_on is null))
);
create unique index attachment_order_by_source on attachment_order (council_id, source_key);
create index attachment_order_in_force on attachment_order (council_id, party_id) where status = 'in-force';
create index attachment_order_by_employer on attachment_order (council_id, employer_id);
create index attachment_order_by_account on attachment_order (council_id, account_id);
