-- Council tax: the valuation list, who lives in and owns each dwelling, awards that change the charge,
-- the charges set for each area, and every version of every bill with its instalments.

-- A charging area (a parish, or the unparished part of the district) has its own Band D charge.
create table charge_area (
    council_id integer not null references council (council_id),
    area_code text not null,
    name text not null,
    primary key (council_id, area_code)
);

-- Each precepting authority's Band D amount for an area and year; the Band D charge is their sum.
create table precept (
    council_id integer not null,
    area_code text not null,
    financial_year integer not null,
    preceptor text not null,
    kind text not null check (kind in ('billing-authority', 'adult-social-care', 'county', 'police', 'fire', 'parish')),
    band_d_pence integer not null check (band_d_pence >= 0),
    previous_band_d_pence integer,
    primary key (council_id, area_code, financial_year, preceptor),
    foreign key (council_id, area_code) references charge_area (council_id, area_code)
);

alter table property add column area_code text;

create table band_change (
    council_id integer not null,
    uprn integer not null,
    effective_from text not null,
    band text not null check (band in ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H')),
    reason text not null,
    schedule_reference text,
    recorded_at text not null,
    recorded_by text not null,
    primary key (council_id, uprn, effective_from),
    foreign key (council_id, uprn) references property (council_id, uprn)
);

create table residence (
    council_id integer not null,
    residence_id integer not null,
    uprn integer not null,
    party_id integer not null,
    resident_from text not null,
    resident_to text,
    interest text not null check (interest in ('freeholder', 'leaseholder', 'tenant', 'licensee', 'other')),
    partner_of integer,
    recorded_at text not null,
    recorded_by text not null,
    primary key (council_id, residence_id),
    foreign key (council_id, uprn) references property (council_id, uprn),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index residence_by_property on residence (council_id, uprn);
create index residence_by_party on residence (council_id, party_id);

create table ownership (
    council_id integer not null,
    ownership_id integer not null,
    uprn integer not null,
    party_id integer not null,
    owned_from text not null,
    owned_to text,
    recorded_at text not null,
    recorded_by text not null,
    primary key (council_id, ownership_id),
    foreign key (council_id, uprn) references property (council_id, uprn),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create index ownership_by_property on ownership (council_id, uprn);

-- Disregards, exemptions, owner-liable classes, disabled band reductions, premiums and reductions: each
-- with its dates, evidence and review date. 'code' is the disregard category, exemption class, owner class
-- or premium kind; 'percent' the reduction or second-homes percentage; 'since' the date a dwelling became empty.
create table ctax_award (
    council_id integer not null,
    award_id integer not null,
    uprn integer not null,
    kind text not null check (kind in ('disregard', 'exemption', 'owner-liable', 'disabled-reduction', 'long-term-empty', 'second-home', 'reduction')),
    party_id integer,
    code text,
    percent integer,
    since text,
    award_from text not null,
    award_to text,
    evidence text not null,
    review_on text,
    recorded_at text not null,
    recorded_by text not null,
    primary key (council_id, award_id),
    foreign key (council_id, uprn) references property (council_id, uprn)
);
create index ctax_award_by_property on ctax_award (council_id, uprn);

-- How an account wants to pay its instalments: the day of the month, and a request for 12 (CTAE Regs reg 21(1A)).
alter table account add column instalment_day integer not null default 1;
alter table account add column instalments_requested integer;

-- Every version of a bill is kept. A new version reverses the previous version's charge entry and posts its own.
create table bill (
    council_id integer not null,
    account_id integer not null,
    financial_year integer not null,
    version integer not null,
    issued_on text not null,
    net_pence integer not null,
    reason text not null,
    working text not null,
    charge_entry_id integer,
    run_id integer,
    created_at text not null,
    primary key (council_id, account_id, financial_year, version),
    foreign key (council_id, account_id) references account (council_id, account_id)
);

create table instalment (
    council_id integer not null,
    account_id integer not null,
    financial_year integer not null,
    version integer not null,
    seq integer not null,
    due_on text not null,
    amount_pence integer not null,
    primary key (council_id, account_id, financial_year, version, seq)
);

create table billing_run (
    council_id integer not null,
    run_id integer not null,
    financial_year integer not null,
    issued_on text not null,
    status text not null check (status in ('running', 'finished', 'failed')),
    started_at text not null,
    finished_at text,
    started_by text not null,
    dwellings integer not null default 0,
    bills integer not null default 0,
    total_pence integer not null default 0,
    primary key (council_id, run_id)
);
