-- Employers' remittances under attachment of earnings orders (issue 13): each schedule an employer sends, once (by the
-- file's SHA-256), its lines (one deduction from one pay under one order, posted to the ledger as a payment), and the
-- deductions that were missing or short, raised for an officer to chase.
create table aeo_remittance_import (
    council_id integer not null references council (council_id),
    import_id integer not null,
    employer_id integer not null,
    file_name text not null,
    file_sha256 text not null,
    received_on text not null,
    lines integer not null,
    total_pence integer not null,
    imported_by text not null,
    imported_at text not null,
    primary key (council_id, import_id),
    foreign key (council_id, employer_id) references employer (council_id, employer_id)
);
create unique index aeo_remittance_import_by_file on aeo_remittance_import (council_id, file_sha256);

create table aeo_remittance_line (
    council_id integer not null,
    import_id integer not null,
    line_number integer not null,
    order_id integer not null,
    pay_date text not null,
    amount_pence integer not null check (amount_pence > 0),
    entry_id integer,
    primary key (council_id, import_id, line_number),
    foreign key (council_id, import_id) references aeo_remittance_import (council_id, import_id),
    foreign key (council_id, order_id) references attachment_order (council_id, order_id)
);
create unique index aeo_remittance_line_by_pay on aeo_remittance_line (council_id, order_id, pay_date);

-- A deduction the schedule should have carried and did not (missing), or carried for less than the order's deduction (short).
create table aeo_chase (
    council_id integer not null,
    chase_id integer not null,
    import_id integer not null,
    order_id integer not null,
    kind text not null check (kind in ('missing', 'short')),
    expected_pence integer not null,
    received_pence integer not null,
    raised_on text not null,
    status text not null check (status in ('open', 'resolved')),
    primary key (council_id, chase_id),
    foreign key (council_id, import_id) references aeo_remittance_import (council_id, import_id),
    foreign key (council_id, order_id) references attachment_order (council_id, order_id)
);
create index aeo_chase_open on aeo_chase (council_id, order_id) where status = 'open';
