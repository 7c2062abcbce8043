-- The collection dashboard at a million accounts (issue 17, speed; decision 0059). The ledger's debit and receipts by
-- kind of account, financial year and effective day, folded in from the entries up to a watermark: the highest entry id
-- of the council already counted. Reeve.Ledger's CollectionTotals reads these rows plus the live sum of the entries
-- above the watermark (a short range of the ledger's primary key), so its figures are exact at every moment. The
-- refresh (CollectionSummary.RefreshAsync, run by the scheduled job every ten minutes) folds new entries in and moves
-- the watermark in one transaction. It is derived data: dropping both tables' rows makes the next refresh rebuild it.
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

-- "How many open accounts pay each way" (the Direct Debit share) counts from this index alone.
create index account_open_by_payment_method on account (council_id, kind, payment_method) where closed_on is null;
