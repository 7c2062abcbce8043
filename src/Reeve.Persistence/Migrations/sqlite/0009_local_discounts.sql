-- Local discounts for prescribed classes (LGFA 1992 s11A): the council's percentage for each class and year,
-- and awards that put a dwelling in a class for a period.
create table local_discount (
    council_id integer not null references council (council_id),
    financial_year integer not null,
    class text not null check (class in ('A', 'B', 'C', 'D')),
    percent integer not null check (percent between 0 and 100),
    primary key (council_id, financial_year, class)
);

-- SQLite cannot change a check constraint, so the awards table is rebuilt with the new kind allowed.
create table ctax_award_new (
    council_id integer not null,
    award_id integer not null,
    uprn integer not null,
    kind text not null check (kind in ('disregard', 'exemption', 'owner-liable', 'disabled-reduction', 'long-term-empty', 'second-home', 'reduction', 'local-discount')),
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
    amount_pence integer,
    primary key (council_id, award_id),
    foreign key (council_id, uprn) references property (council_id, uprn)
);
insert into ctax_award_new (council_id, award_id, uprn, kind, party_id, code, percent, since, award_from, award_to, evidence, review_on, recorded_at, recorded_by, amount_pence)
    select council_id, award_id, uprn, kind, party_id, code, percent, since, award_from, award_to, evidence, review_on, recorded_at, recorded_by, amount_pence from ctax_award;
drop table ctax_award;
alter table ctax_award_new rename to ctax_award;
create index ctax_award_by_property on ctax_award (council_id, uprn);
