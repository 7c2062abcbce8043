-- Local discounts for prescribed classes (LGFA 1992 s11A): the council's percentage for each class and year,
-- and awards that put a dwelling in a class for a period.
create table local_discount (
    council_id integer not null references council (council_id),
    financial_year integer not null,
    class text not null check (class in ('A', 'B', 'C', 'D')),
    percent integer not null check (percent between 0 and 100),
    primary key (council_id, financial_year, class)
);

alter table ctax_award drop constraint ctax_award_kind_check;
alter table ctax_award add constraint ctax_award_kind_check
    check (kind in ('disregard', 'exemption', 'owner-liable', 'disabled-reduction', 'long-term-empty', 'second-home', 'reduction', 'local-discount'));
