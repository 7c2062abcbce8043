-- The council's own clocks (issue 17): complaint stages and the deadline for councillor and MP enquiries, which no
-- statute sets. Effective-dated: a change of policy is a new row from its date. A council with no rows uses Reeve's
-- default (complaints: stage 1 in 10 working days, stage 2 in 20; enquiries: 10 working days).
create table case_clock_policy (
    council_id integer not null references council (council_id),
    kind text not null check (kind in ('complaint', 'councillor', 'mp')),
    stage integer not null check (stage between 1 and 9),
    name text not null,
    working_days integer not null check (working_days between 1 and 120),
    effective_from text not null,
    recorded_by text not null,
    recorded_at text not null,
    primary key (council_id, kind, stage, effective_from)
);
