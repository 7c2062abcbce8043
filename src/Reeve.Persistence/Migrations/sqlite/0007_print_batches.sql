-- Letters: what a council's notices say about it (its letterhead, contact details and bank account for the
-- payment slip), and a record of each billing run's print files: written once, the first time the run is
-- printed. Printing the run again writes the same files and stores nothing new.

create table letter_council (
    council_id integer primary key references council (council_id),
    address_lines text not null,
    telephone text not null,
    website text not null,
    email text not null,
    brand_colour text not null,
    bank_sort_code text not null,
    bank_account_number text not null,
    updated_at text not null
);

create table print_batch (
    council_id integer not null,
    run_id integer not null,
    letter_type text not null,
    letters integer not null,
    pages integer not null,
    files integer not null,
    manifest_sha256 text not null,
    printed_at text not null,
    printed_by text not null,
    primary key (council_id, run_id, letter_type),
    foreign key (council_id, run_id) references billing_run (council_id, run_id)
);
