-- Issue #6: indexes for the reports at province scale (docs/PERFORMANCE.md). H2 has no partial
-- indexes: the returns index covers every event kind here.
create index idx_v4_matter_village_registered on matter (village_code, registered_at);
create index idx_v4_matter_town_registered on matter (town_code, registered_at);
create index idx_v4_matter_event_returns on matter_event (kind, occurred_at);
