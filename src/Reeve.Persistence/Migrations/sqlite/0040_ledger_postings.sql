-- Issue 20: the ledger narrowed (see the PostgreSQL migration of the same number and decision 0045). Who posted, when,
-- why and under which rule are written once per posting; an entry is a narrow row of numbers that names its posting.

create table ledger_posting (
    council_id integer not null,
    posting_id integer not null,
    posted_at text not null,
    posted_by text not null check (posted_by <> ''),
    reason text not null check (reason <> ''),
    source_rule text not null check (source_rule <> ''),
    batch_key text,
    primary key (council_id, posting_id)
);
create unique index ledger_posting_batch_key on ledger_posting (council_id, batch_key) where batch_key is not null;

-- Kind: 1 charge, 2 payment, 3 costs, 4 adjustment-increase, 5 adjustment-decrease, 6 refund, 7 transfer-in,
-- 8 transfer-out, 9 write-off, 10 reversal. Books: 1 debtors, 2 income, 3 costs-income, 4 cash, 5 write-offs,
-- 6 transfers-clearing.
create table ledger_line (
    council_id integer not null,
    effective_date text not null,
    entry_id integer not null,
    account_id integer not null,
    posting_id integer not null,
    amount_pence integer not null check (amount_pence > 0),
    reverses_entry_id integer,
    financial_year integer not null,
    kind integer not null check (kind between 1 and 10),
    debit_book integer not null check (debit_book between 1 and 6),
    credit_book integer not null check (credit_book between 1 and 6),
    idempotency_key text,
    primary key (council_id, entry_id),
    check (debit_book <> credit_book)
);

insert into ledger_posting (council_id, posting_id, posted_at, posted_by, reason, source_rule)
select council_id, row_number() over (partition by council_id order by min(entry_id)), posted_at, posted_by, reason, source_rule
from ledger_entry group by council_id, posted_at, posted_by, reason, source_rule;

insert into id_block (council_id, kind, next_id)
select council_id, 'ledger_posting', max(posting_id) + 1 from ledger_posting group by council_id;

insert into ledger_line (council_id, effective_date, entry_id, account_id, posting_id, amount_pence, reverses_entry_id,
    financial_year, kind, debit_book, credit_book, idempotency_key)
select e.council_id, e.effective_date, e.entry_id, e.account_id, p.posting_id, e.amount_pence, e.reverses_entry_id, e.financial_year,
    case e.kind when 'charge' then 1 when 'payment' then 2 when 'costs' then 3 when 'adjustment-increase' then 4
        when 'adjustment-decrease' then 5 when 'refund' then 6 when 'transfer-in' then 7 when 'transfer-out' then 8
        when 'write-off' then 9 when 'reversal' then 10 end,
    case e.debit_book when 'debtors' then 1 when 'income' then 2 when 'costs-income' then 3 when 'cash' then 4
        when 'write-offs' then 5 when 'transfers-clearing' then 6 end,
    case e.credit_book when 'debtors' then 1 when 'income' then 2 when 'costs-income' then 3 when 'cash' then 4
        when 'write-offs' then 5 when 'transfers-clearing' then 6 end,
    e.idempotency_key
from ledger_entry e
join ledger_posting p on p.council_id = e.council_id and p.posted_at = e.posted_at and p.posted_by = e.posted_by
    and p.reason = e.reason and p.source_rule = e.source_rule
order by e.council_id, e.entry_id;

drop table ledger_entry;

create index ledger_line_by_account on ledger_line (council_id, account_id);
create unique index ledger_line_idempotency on ledger_line (council_id, idempotency_key) where idempotency_key is not null;
create unique index ledger_line_reversal on ledger_line (council_id, reverses_entry_id) where reverses_entry_id is not null;

create trigger ledger_line_no_update before update on ledger_line
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;
create trigger ledger_line_no_delete before delete on ledger_line
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;
create trigger ledger_posting_no_update before update on ledger_posting
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;
create trigger ledger_posting_no_delete before delete on ledger_posting
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;

create trigger account_never_deleted before delete on account
begin
    select raise(abort, 'accounts are never deleted or renumbered: ledger entries belong to them (close the account instead)');
end;
create trigger account_never_renumbered before update of council_id, account_id on account
    when old.council_id <> new.council_id or old.account_id <> new.account_id
begin
    select raise(abort, 'accounts are never deleted or renumbered: ledger entries belong to them (close the account instead)');
end;

create view ledger_entry as
select l.council_id, l.entry_id, l.account_id,
    case l.kind when 1 then 'charge' when 2 then 'payment' when 3 then 'costs' when 4 then 'adjustment-increase'
        when 5 then 'adjustment-decrease' when 6 then 'refund' when 7 then 'transfer-in' when 8 then 'transfer-out'
        when 9 then 'write-off' when 10 then 'reversal' end as kind,
    case l.debit_book when 1 then 'debtors' when 2 then 'income' when 3 then 'costs-income' when 4 then 'cash'
        when 5 then 'write-offs' when 6 then 'transfers-clearing' end as debit_book,
    case l.credit_book when 1 then 'debtors' when 2 then 'income' when 3 then 'costs-income' when 4 then 'cash'
        when 5 then 'write-offs' when 6 then 'transfers-clearing' end as credit_book,
    l.amount_pence, l.financial_year, l.effective_date, p.posted_at, p.posted_by, p.reason,
    p.source_rule, l.reverses_entry_id, l.idempotency_key, l.posting_id
from ledger_line l
left join ledger_posting p on p.council_id = l.council_id and p.posting_id = l.posting_id;

create trigger ledger_entry_no_update instead of update on ledger_entry
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;
create trigger ledger_entry_no_delete instead of delete on ledger_entry
begin
    select raise(abort, 'ledger entries are never changed or deleted: post a reversal instead');
end;
