-- Reviews of a Breathing Space (SI 2020/1311): the debt adviser's midway review of a standard moratorium (reg 27,
-- between day 26 and day 35) with its outcome, and the council's own request for a review as a creditor (reg 17,
-- within 20 days of the start, on the grounds in reg 17(1) and (2)). A review is recorded once and never edited.
create table breathing_space_review (
    council_id integer not null,
    review_id integer not null,
    moratorium_id integer not null,
    kind text not null check (kind in ('midway', 'council-request')),
    review_date text not null,
    outcome text not null check (outcome in ('continues', 'cancelled', 'requested')),
    grounds text check (grounds in ('unfair-prejudice', 'not-eligible', 'not-qualifying-debt', 'sufficient-funds')),
    reason text,
    recorded_by text not null,
    recorded_at text not null,
    primary key (council_id, review_id),
    foreign key (council_id, moratorium_id) references breathing_space (council_id, moratorium_id),
    check (kind = 'midway' and outcome in ('continues', 'cancelled') and grounds is null
        or kind = 'council-request' and outcome = 'requested' and grounds is not null),
    check (outcome <> 'cancelled' or reason is not null)
);
create unique index breathing_space_review_one_midway on breathing_space_review (council_id, moratorium_id) where kind = 'midway';
