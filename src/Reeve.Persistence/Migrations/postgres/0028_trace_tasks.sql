-- Tracing people who have gone away: a trace task per person (at most one open at a time, so post coming back
-- twice opens one task), each source an officer tried with its result, and the outcome.

create table trace_task (
    council_id integer not null,
    task_id bigint not null,
    party_id bigint not null,
    reason text not null,
    opened_on date not null,
    opened_by text not null,
    due_on date not null,
    assigned_to text not null,
    source text not null check (source in ('returned-mail', 'officer')),
    status text not null check (status in ('open', 'found', 'not-found', 'closed')),
    outcome_on date,
    outcome_note text,
    review_on date,
    found_address_seq integer,
    closed_by text,
    primary key (council_id, task_id),
    foreign key (council_id, party_id) references party (council_id, party_id)
);
create unique index trace_task_one_open on trace_task (council_id, party_id) where status = 'open';
create index trace_task_by_party on trace_task (council_id, party_id);
create index trace_task_by_status on trace_task (council_id, status, due_on);

create table trace_attempt (
    council_id integer not null,
    task_id bigint not null,
    attempt_no integer not null,
    source text not null,
    tried_on date not null,
    result text not null check (result in ('found', 'no-trace', 'lead', 'no-response')),
    note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (council_id, task_id, attempt_no),
    foreign key (council_id, task_id) references trace_task (council_id, task_id)
);
