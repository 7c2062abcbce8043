-- The council's in-year collection target per kind of account and financial year (issue 17, dashboards). Each setting
-- is a new row naming who set it and when; the latest row is the target in force, and earlier rows are its history.
create table collection_target (
    council_id integer not null references council (council_id),
    account_kind text not null,
    financial_year integer not null,
    set_at timestamptz not null,
    target_basis_points integer not null check (target_basis_points between 1 and 10000),
    set_by text not null,
    reason text not null,
    primary key (council_id, account_kind, financial_year, set_at)
);

create function collection_target_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'a collection target is never changed or deleted: set a new one';
end $$;
create trigger collection_target_append_only before update or delete on collection_target
    for each row execute function collection_target_is_append_only();
