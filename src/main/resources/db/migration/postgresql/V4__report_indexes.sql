-- Issue #6: indexes for the reports at province scale (docs/PERFORMANCE.md, measured before and after).

-- A village's or town's ledger for a month (GET /api/ledger, notice board): one range per unit instead
-- of every item of the unit, or of the month across the province.
create index idx_v4_matter_village_registered on matter (village_code, registered_at);
create index idx_v4_matter_town_registered on matter (town_code, registered_at);

-- The returns of a month (rates): only the few events that send an item back are indexed, so a
-- county's month does not walk every event of every item. The predicate is the one LedgerQueries.returnsIn uses.
create index idx_v4_matter_event_returns on matter_event (occurred_at, matter_id)
  where (kind = 'UserTask_VerifyResult' and note like 'REJECTED%') or kind = 'REOPENED'
     or kind = 'RETURNED' or (kind = 'UserTask_SupervisorReview' and note like 'REHANDLE%');
