-- The collection dashboard at a million accounts (issue 17, speed; decision 0059). The ledger's debit and receipts by
-- kind of account, financial year and effective day, folded in from the entries up to a watermark: the highest entry id
-- of the council already counted. Reeve.Ledger's CollectionTotals reads these rows plus the live sum of the entries
-- above the watermark (a short range of the ledger's primary key), so its figures are exact at every moment. The
-- refresh (CollectionSummary.RefreshAsync, run by the scheduled job every ten minutes) folds new entries in and moves
-- the watermark in one transaction. It is derived data: dropping both tables' rows makes the next refresh rebuild it.
create table collection_summary (
    council_id integer not null references council (council_id),
    account_kind text not null,
    financial_year smallint not null,
    effective_date date not null,
    debit_pence bigint not null,
    receipts_pence bigint not null,
    entries bigint not null,
    primary key (council_id, account_kind, financial_year, effective_date)
);

create table collection_summary_watermark (
    council_id integer not null references council (council_id) primary key,
    entry_id bigint not null check (entry_id >= 0)
);

-- How many open accounts of each kind pay each way (the dashboard's Direct Debit share), kept by the triggers below in
-- the same statement as every change to the accounts, so reading it never counts a million rows. Statement-level
-- triggers see a bulk write (COPY of a billing run's new accounts) as one change.
create table account_method_count (
    council_id integer not null references council (council_id),
    kind text not null,
    payment_method text not null,
    open_accounts bigint not null,
    primary key (council_id, kind, payment_method)
);

insert into account_method_count (council_id, kind, payment_method, open_accounts)
select council_id, kind, payment_method, count(*) from account where closed_on is null group by council_id, kind, payment_method;

create function account_method_count_on_insert() returns trigger language plpgsql as $$
begin
    insert into account_method_count (council_id, kind, payment_method, open_accounts)
    select council_id, kind, payment_method, count(*) from new_accounts where closed_on is null
    group by council_id, kind, payment_method order by 1, 2, 3
    on conflict (council_id, kind, payment_method)
    do update set open_accounts = account_method_count.open_accounts + excluded.open_accounts;
    return null;
end $$;
create trigger account_method_count_inserted after insert on account
    referencing new table as new_accounts for each statement execute function account_method_count_on_insert();

create function account_method_count_on_update() returns trigger language plpgsql as $$
begin
    insert into account_method_count (council_id, kind, payment_method, open_accounts)
    select council_id, kind, payment_method, sum(delta) from (
        select council_id, kind, payment_method, 1 as delta from new_accounts where closed_on is null
        union all
        select council_id, kind, payment_method, -1 from old_accounts where closed_on is null
    ) d
    group by council_id, kind, payment_method having sum(delta) <> 0 order by 1, 2, 3
    on conflict (council_id, kind, payment_method)
    do update set open_accounts = account_method_count.open_accounts + excluded.open_accounts;
    return null;
end $$;
create trigger account_method_count_updated after update on account
    referencing old table as old_accounts new table as new_accounts for each statement execute function account_method_count_on_update();
