-- Scheduled jobs (issue 17, docs/decisions/0054-scheduled-jobs.md). Quartz keeps the schedule; Reeve keeps what each
-- run did. job_run is history: a row is written when a run starts and finished once, when it ends (outcome, a one-line
-- summary, the error); it is never deleted. job_lease is the database lease that makes sure one job never runs twice
-- at once, whichever scheduler (the web app's or `reeve jobs run` on another machine) fired it: a run takes the
-- job's row until a time, and a run that crashed gives it up when that time passes.
create table job_run (
    run_id bigint generated always as identity primary key,
    job text not null,
    trigger_kind text not null check (trigger_kind in ('schedule', 'run-now', 'recovered')),
    scheduled_for timestamptz,
    started_at timestamptz not null,
    finished_at timestamptz,
    outcome text not null check (outcome in ('running', 'succeeded', 'failed', 'skipped')),
    summary text not null default '',
    error text,
    host text not null,
    started_by text not null
);
create index job_run_by_job on job_run (job, started_at);

create table job_lease (
    job text primary key,
    run_id bigint not null,
    holder text not null,
    until timestamptz not null
);
