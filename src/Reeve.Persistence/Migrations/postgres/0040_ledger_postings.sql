-- Issue 20: the ledger at the speed of the disk. Who posted, when, why and under which rule are written once per
-- posting (a batch) instead of on every entry; an entry is a narrow row of numbers that names its posting. Kinds and
-- books are small codes (the values of Reeve.Ledger's EntryKind and Book). The row-by-row foreign key to account is
-- replaced by a set-based check per batch in the posting transaction, made sound by accounts never being deleted.
-- Decision 0045 has the design and the figures.

-- A posting: one call that posted entries with the same who, why and rule. batch_key, when the caller posts
-- batch-wise, makes the whole batch idempotent: it is set on the first posting of the call.
create table ledger_posting (
    council_id integer not null,
    posting_id bigint not null,
    posted_at timestamptz not null,
    posted_by text not null check (posted_by <> ''),
    reason text not null check (reason <> ''),
    source_rule text not null check (source_rule <> ''),
    batch_key text,
    primary key (council_id, posting_id)
);
create unique index ledger_posting_batch_key on ledger_posting (council_id, batch_key) where batch_key is not null;

-- Kind: 1 charge, 2 payment, 3 costs, 4 adjustment-increase, 5 adjustment-decrease, 6 refund, 7 transfer-in,
-- 8 transfer-out, 9 write-off, 10 reversal. Books: 1 debtors, 2 income, 3 costs-income, 4 cash, 5 write-offs,
-- 6 transfers-clearing. Columns are ordered so that the row packs without padding.
create table ledger_line (
    council_id integer not null,
    effective_date date not null,
    entry_id bigint not null,
    account_id bigint not null,
    posting_id bigint not null,
    amount_pence bigint not null check (amount_pence > 0),
    reverses_entry_id bigint,
    financial_year smallint not null,
    kind smallint not null check (kind between 1 and 10),
    debit_book smallint not null check (debit_book between 1 and 6),
    credit_book smallint not null check (credit_book between 1 and 6),
    idempotency_key text,
    primary key (council_id, entry_id),
    check (debit_book <> credit_book)
);

-- Existing entries move over: one posting per distinct who, when, why and rule.
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

-- The balance read's index. The keys below are partial: an entry posted under a batch key, or that reverses
-- nothing, costs them nothing.
create index ledger_line_by_account on ledger_line (council_id, account_id);
create unique index ledger_line_idempotency on ledger_line (council_id, idempotency_key) where idempotency_key is not null;
create unique index ledger_line_reversal on ledger_line (council_id, reverses_entry_id) where reverses_entry_id is not null;

create trigger ledger_line_append_only before update or delete on ledger_line
    for each row execute function ledger_entry_is_append_only();
create trigger ledger_posting_append_only before update or delete on ledger_posting
    for each row execute function ledger_entry_is_append_only();

-- Every entry belongs to an existing account of its council: the posting checks the batch's accounts exist, and an
-- account, once made, is never deleted or moved (it is closed), so the check stays true.
create function account_is_never_deleted() returns trigger language plpgsql as $$
begin
    raise exception 'accounts are never deleted or renumbered: ledger entries belong to them (close the account instead)';
end $$;
create trigger account_never_deleted before delete on account
    for each row execute function account_is_never_deleted();
create trigger account_never_renumbered before update of council_id, account_id on account
    for each row when (old.council_id <> new.council_id or old.account_id <> new.account_id)
    execute function account_is_never_deleted();

-- The entries as they read in full, with their posting's who, when, why and rule and the codes as words: for reports,
-- tests and anyone reading the ledger by hand. Nothing can be written through it.
create view ledger_entry as
select l.council_id, l.entry_id, l.account_id,
    (array['charge', 'payment', 'costs', 'adjustment-increase', 'adjustment-decrease', 'refund', 'transfer-in',
        'transfer-out', 'write-off', 'reversal'])[l.kind] as kind,
    (array['debtors', 'income', 'costs-income', 'cash', 'write-offs', 'transfers-clearing'])[l.debit_book] as debit_book,
    (array['debtors', 'income', 'costs-income', 'cash', 'write-offs', 'transfers-clearing'])[l.credit_book] as credit_book,
    l.amount_pence, l.financial_year::integer as financial_year, l.effective_date, p.posted_at, p.posted_by, p.reason,
    p.source_rule, l.reverses_entry_id, l.idempotency_key, l.posting_id
from ledger_line l
left join ledger_posting p on p.council_id = l.council_id and p.posting_id = l.posting_id;

create trigger ledger_entry_append_only instead of update or delete on ledger_entry
    for each row execute function ledger_entry_is_append_only();
