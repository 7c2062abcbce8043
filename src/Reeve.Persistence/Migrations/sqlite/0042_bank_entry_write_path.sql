-- Issue 20 (decision 0046): an import looks up the bank entries met before by key, in bank_entry_once, a chunk of
-- lines at a time, so the index by day is not read by anything and no longer kept. (The foreign key to
-- payment_import, dropped on PostgreSQL for its per-row cost, stays here: SQLite would rebuild the table to drop it.)
drop index bank_entry_by_day;
