-- The opening data load from a council's incumbent system (issue 17): each load committed, known by the SHA-256 of its
-- set of files, and each record it brought in, known by the incumbent's reference, with the id Reeve gave it. A load
-- of the same set again finds its hash and writes nothing; a record whose reference was loaded before is skipped.
-- Both are history: rows are only ever added.
create table opening_load (
    council_id integer not null references council (council_id),
    load_id integer not null,
    set_sha256 text not null,
    source_system text not null,
    properties integer not null,
    people integer not null,
    accounts integer not null,
    balance_pence integer not null,
    loaded_at text not null,
    loaded_by text not null,
    primary key (council_id, load_id),
    unique (council_id, set_sha256)
);

create table opening_load_record (
    council_id integer not null,
    record_kind text not null check (record_kind in ('person', 'account')),
    incumbent_ref text not null,
    reeve_id integer not null,
    load_id integer not null,
    primary key (council_id, record_kind, incumbent_ref),
    foreign key (council_id, load_id) references opening_load (council_id, load_id)
);
