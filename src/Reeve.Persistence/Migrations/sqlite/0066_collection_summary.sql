-- The collection dashboard at a million accounts (issue 17, speed; decision 0059): see the PostgreSQL migration of the
-- same number. The summary of the ledger up to a watermark, and the open accounts per kind and payment method kept by
-- triggers on account (row by row here; SQLite has no statement-level triggers).
create table collection_summary (
    council_id integer not null references council (council_id),
    account_kind text not null,
    financial_year integer not null,
    effective_date text not null,
    debit_pence integer not null,
    receipts_pence integer not null,
    entries integer not null,
    primary key (council_id, account_kind, financial_year, effective_date)
);

create table collection_summary_watermark (
    council_id integer not null references council (council_id) primary key,
    entry_id integer not null check (entry_id >= 0)
);

create table account_method_count (
    council_id integer not null references council (council_id),
    kind text not null,
    payment_method text not null,
    open_accounts integer not null,
    primary key (council_id, kind, payment_method)
);

insert into account_method_count (council_id, kind, payment_method, open_accounts)
select council_id, kind, payment_method, count(*) from account where closed_on is null group by council_id, kind, payment_method;

create trigger account_method_count_inserted after insert on account when new.closed_on is null
begin
    insert into account_method_count (council_id, kind, payment_method, open_accounts)
    values (new.council_id, new.kind, new.payment_method, 1)
    on conflict (council_id, kind, payment_method) do update set open_accounts = open_accounts + 1;
end;

create trigger account_method_count_updated after update on account
    when old.closed_on is not new.closed_on or old.kind is not new.kind or old.payment_method is not new.payment_method
        or old.council_id is not new.council_id
begin
    update account_method_count set open_accounts = open_accounts - 1
    where old.closed_on is null and council_id = old.council_id and kind = old.kind and payment_method = old.payment_method;
    insert into account_method_count (council_id, kind, payment_method, open_accounts)
    select new.council_id, new.kind, new.payment_method, 1 where new.closed_on is null
    on conflict (council_id, kind, payment_method) do update set open_accounts = open_accounts + 1;
end;
