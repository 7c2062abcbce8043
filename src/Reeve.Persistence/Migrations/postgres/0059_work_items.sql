-- Work queues (issue 17): one list of everything waiting for an officer, from every module. Each module pushes its
-- items here in its own transaction (Reeve.Work's WorkQueue.RaiseAsync and CloseAsync), keyed by the source's own
-- name and key, so raising again or closing finds the same row; the queue never reads the modules' tables.
create table work_item (
    council_id integer not null references council (council_id),
    work_item_id bigint not null,
    source text not null,
    source_key text not null,
    kind text not null,
    title text not null,
    team text not null,
    party_id bigint,
    account_id bigint,
    raised_at timestamptz not null,
    deadline date not null,
    clock text not null check (clock in ('working-days', 'calendar')),
    assigned_to text,
    state text not null check (state in ('open', 'closed')),
    closed_at timestamptz,
    primary key (council_id, work_item_id)
);
create unique index work_item_by_source on work_item (council_id, source, source_key);
-- "My work": an officer's own items, then their teams' unassigned ones, each in deadline order.
create index work_item_queue on work_item (council_id, state, assigned_to, deadline);
create index work_item_team_queue on work_item (council_id, state, team, deadline) where assigned_to is null;

-- Which teams an officer works in. An officer in no team sees every team's unassigned work.
create table work_team_member (
    council_id integer not null references council (council_id),
    officer text not null,
    team text not null,
    primary key (council_id, officer, team)
);
