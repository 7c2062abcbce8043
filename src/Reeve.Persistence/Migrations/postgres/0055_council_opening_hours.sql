-- Issue 17, setting up a council: the hours its revenues office answers, set with the letterhead and contact details
-- on the council's set-up task list. Null until the council sets them.
alter table letter_council add column opening_hours text;
