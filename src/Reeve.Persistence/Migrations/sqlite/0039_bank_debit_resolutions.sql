-- Issue 21: a bank debit that takes back a credit Reeve could not match (a reversal, return or recall) waits for an
-- officer. When the officer has dealt with it (reversed the payment by hand, or found it was not the council's), they
-- close it with a note. The bank entry itself is never changed; the resolution is a row of its own, once per entry.
create table bank_debit_resolution (
    council_id integer not null,
    import_id bigint not null,
    line text not null,
    resolved_at text not null,
    resolved_by text not null,
    note text not null,
    primary key (council_id, import_id, line),
    foreign key (council_id, import_id, line) references bank_entry (council_id, import_id, line)
);
