-- Why a Breathing Space ended: the daily duty that ends a moratorium past its last day says so here (issue 17), as an
-- officer's cancellation may. Null for those ended before this column.
alter table breathing_space add column end_reason text;
