-- At most one pending verification per tenant and number. Starts for one number at the same moment
-- (a double click) each found no pending verification to supersede and all stayed pending.
-- pending_to holds the number while the verification is pending and is null once it is closed; a
-- unique index allows any number of nulls.
alter table verifications add column pending_to varchar(20);
-- the newest pending verification of a number holds it; older ones left pending by that race keep
-- their status until they are superseded or expire
update verifications set pending_to = to_e164 where status = 'pending' and not exists (
  select 1 from verifications newer where newer.tenant_id = verifications.tenant_id
    and newer.to_e164 = verifications.to_e164 and newer.status = 'pending' and newer.id > verifications.id);
create unique index verifications_pending_idx on verifications (tenant_id, pending_to);
