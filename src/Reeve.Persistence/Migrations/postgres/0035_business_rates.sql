-- Business Rates (LGFA 1988 Part III), owned by Reeve.BusinessRates: the council's VOA billing authority code, the
-- local rating list (hereditaments and their rateable value history per list), the list entries files imported,
-- who occupied what when (each occupation a Business Rates account in the Ledger), and the bills with their
-- instalments (SI 1989/1058 Sch 1), which are the stream's due schedule. The national multipliers and relief
-- thresholds are effective-dated rows in the module's data file, not here (decision 0042).

create table rates_authority (
    council_id integer not null references council (council_id),
    ba_code text not null,
    set_at timestamptz not null,
    set_by text not null,
    primary key (council_id)
);

create table hereditament (
    council_id integer not null references council (council_id),
    hereditament_id bigint not null,
    ba_reference text not null,
    uarn bigint not null,
    description_code text not null,
    description_text text not null,
    address text not null,
    firm_name text,
    street text,
    town text,
    postcode text,
    uprn bigint,
    created_at timestamptz not null,
    primary key (council_id, hereditament_id),
    unique (council_id, ba_reference),
    foreign key (council_id, uprn) references property (council_id, uprn)
);

create table rates_list_import (
    council_id integer not null references council (council_id),
    import_id bigint not null,
    file_name text not null,
    sha256 text not null,
    records integer not null,
    new_hereditaments integer not null,
    rv_changes integer not null,
    imported_at timestamptz not null,
    imported_by text not null,
    primary key (council_id, import_id),
    unique (council_id, sha256)
);

create table rateable_value (
    council_id integer not null,
    hereditament_id bigint not null,
    list_year integer not null check (list_year in (2023, 2026)),
    effective_from date not null,
    effective_to date,
    rv_pounds bigint not null check (rv_pounds >= 0),
    assessment_ref bigint,
    import_id bigint not null,
    primary key (council_id, hereditament_id, list_year, effective_from),
    foreign key (council_id, hereditament_id) references hereditament (council_id, hereditament_id),
    check (effective_to is null or effective_to >= effective_from)
);

create table rates_occupation (
    council_id integer not null,
    occupation_id bigint not null,
    hereditament_id bigint not null,
    account_id bigint not null,
    party_id bigint not null,
    occupied_from date not null,
    occupied_to date,
    charity boolean not null,
    small_business boolean not null,
    retail_hospitality_leisure boolean not null,
    recorded_at timestamptz not null,
    recorded_by text not null,
    primary key (council_id, occupation_id),
    unique (council_id, account_id),
    foreign key (council_id, hereditament_id) references hereditament (council_id, hereditament_id),
    foreign key (council_id, account_id) references account (council_id, account_id),
    foreign key (council_id, party_id) references party (council_id, party_id),
    check (occupied_to is null or occupied_to >= occupied_from)
);
create index rates_occupation_by_hereditament on rates_occupation (council_id, hereditament_id);

create table rates_bill (
    council_id integer not null,
    account_id bigint not null,
    financial_year integer not null,
    version integer not null,
    issued_on date not null,
    net_pence bigint not null,
    issued_at timestamptz not null,
    issued_by text not null,
    primary key (council_id, account_id, financial_year, version),
    foreign key (council_id, account_id) references account (council_id, account_id)
);

create table rates_instalment (
    council_id integer not null,
    account_id bigint not null,
    financial_year integer not null,
    version integer not null,
    seq integer not null,
    due_on date not null,
    amount_pence bigint not null check (amount_pence > 0),
    primary key (council_id, account_id, financial_year, version, seq),
    foreign key (council_id, account_id, financial_year, version) references rates_bill (council_id, account_id, financial_year, version)
);
