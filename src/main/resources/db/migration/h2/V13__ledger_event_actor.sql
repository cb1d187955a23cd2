-- 我经手的事项 (issue 13): the items a cadre took part in are found by the ledger lines they wrote
-- (registration, handling, verification and every other step name their actor).
create index idx_matter_event_actor on matter_event (actor, matter_id);
