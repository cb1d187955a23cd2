-- Issue 12: the organisation is data an administrator replaces; units and cadres are retired, never
-- deleted (the ledger keeps naming them). A unit merged into another names its successor.
alter table org_unit add column retired_at timestamp with time zone;
alter table org_unit add column merged_into varchar(32);
alter table org_unit add constraint fk_org_unit_merged_into foreign key (merged_into) references org_unit (code);
alter table cadre add column retired_at timestamp with time zone;
