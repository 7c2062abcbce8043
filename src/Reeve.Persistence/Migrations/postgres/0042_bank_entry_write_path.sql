-- Issue 20: the bank entries a payment import records, written at the speed of the import (decision 0046).
-- An import now looks up the bank entries met before by key, in bank_entry_once, a chunk of lines at a time, rather
-- than every entry of the file's dates, so the index by day is not read by anything and no longer kept.
drop index bank_entry_by_day;
-- The import writes its payment_import row in the same transaction before any of its bank entries, and that row is
-- never deleted: the foreign key's check, a lookup of that one row for every bank entry, cost more than the rest of
-- the row's write. The import id a bank entry carries is the one its import reserved and wrote.
alter table bank_entry drop constraint bank_entry_council_id_import_id_fkey;
