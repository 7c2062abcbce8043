-- A manual Council Tax Reduction award is an annual amount (in pence) rather than a percentage of the charge.
alter table ctax_award add column amount_pence bigint;
