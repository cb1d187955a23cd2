-- What a step decided gets its own column (issue 16): reports count returns by decision instead of
-- reading the display note. Earlier events are filled in once, from the note they were written with.
alter table matter_event add column decision varchar(40);

alter table matter_event disable trigger matter_event_append_only;
update matter_event set decision = 'REJECTED' where kind = 'UserTask_VerifyResult' and note like 'REJECTED%';
update matter_event set decision = 'CONFIRMED' where kind = 'UserTask_VerifyResult' and note like 'CONFIRMED%';
update matter_event set decision = 'REHANDLE' where kind = 'UserTask_SupervisorReview' and note like 'REHANDLE%';
update matter_event set decision = 'CLOSE' where kind = 'UserTask_SupervisorReview' and note like 'CLOSE%';
alter table matter_event enable trigger matter_event_append_only;

create index idx_matter_event_decision on matter_event (kind, decision, occurred_at);
