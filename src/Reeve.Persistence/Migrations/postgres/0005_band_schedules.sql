-- Band schedule files (docs/domain/band-schedule-import.md). One row per file imported, keyed by the SHA-256
-- of its bytes so that the same file imported again posts nothing; and one row per line, with what became of it.

create table band_schedule_import (
    council_id integer not null references council (council_id),
    import_id bigint not null,
    sha256 text not null,
    file_name text not null,
    as_at date not null,
    lines integer not null,
    dwellings_rebilled integer not null,
    bill_versions integer not null,
    imported_at timestamptz not null,
    imported_by text not null,
    primary key (council_id, import_id),
    unique (council_id, sha256)
);

-- 'outcome' is 'added' (a new entry), 'band-changed', or 'not-applied' (a deletion, which Reeve cannot yet record).
create table band_schedule_line (
    council_id integer not null,
    import_id bigint not null,
    line_no integer not null,
    schedule_reference text not null,
    uprn bigint not null,
    reason_code text not null,
    band text,
    effective_from date not null,
    comment text,
    outcome text not null check (outcome in ('added', 'band-changed', 'not-applied')),
    primary key (council_id, import_id, line_no),
    foreign key (council_id, import_id) references band_schedule_import (council_id, import_id)
);
create index band_schedule_line_by_property on band_schedule_line (council_id, uprn);
