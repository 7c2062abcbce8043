-- Bacs reports as banks really send them (issue 21). Each item of an ARUDD, ADDACS or AUDDIS report is acted on at
-- most once, whatever file it arrives in: the keys it is known by (docs/domain/bacs-reports.md, "Once per bank
-- entry") are kept here, and a later item carrying any of them is reported as a duplicate and changes nothing.
create table bacs_report_entry (
    council_id integer not null references council (council_id),
    entry_key text not null,
    kind text not null check (kind in ('arudd', 'addacs', 'auddis')),
    import_id integer not null,
    item_no integer not null,
    primary key (council_id, entry_key)
);

-- Items Reeve did not apply because something did not agree (the payer's bank details against the mandate, no
-- mandate or account with that reference, no payment to reverse): each waits here for an officer, with the
-- difference shown, until resolved. Nothing on the mandate or the ledger was changed for it.
create table bacs_work_item (
    council_id integer not null references council (council_id),
    work_item_id integer not null,
    kind text not null check (kind in ('arudd', 'addacs', 'auddis')),
    import_id integer not null,
    item_no integer not null,
    reference text not null,
    reason text not null,
    mandate_id integer,
    account_id integer,
    difference text not null,
    status text not null check (status in ('open', 'resolved')),
    raised_at text not null,
    raised_by text not null,
    resolved_at text,
    resolved_by text,
    resolution text,
    primary key (council_id, work_item_id)
);
create index bacs_work_item_open on bacs_work_item (council_id, status, work_item_id);
