-- Items waiting in a database before the queue existed come in once per source at start-up (WorkBackfill): this
-- records which sources have been brought in, so a restart does not run them again.
create table work_backfill (
    council_id integer not null references council (council_id),
    source text not null,
    items integer not null,
    done_at timestamptz not null,
    primary key (council_id, source)
);
