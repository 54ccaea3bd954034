-- The console's lists and dashboard over millions of verifications (H2 MODE=PostgreSQL and PostgreSQL).
-- Lists page by id (a ULID, so creation order): newest first, per tenant, per number, per externalRef.
create index verifications_tenant_id_idx on verifications (tenant_id, id);
create index verifications_to_id_idx on verifications (to_e164, id);
create index verifications_ref_id_idx on verifications (external_ref, id);
-- the dashboard across all tenants: a period of verifications and of attempts
create index verifications_created_status_idx on verifications (created_at, status);
create index delivery_attempts_created_idx on delivery_attempts (created_at);
create index delivery_attempts_tenant_created_idx on delivery_attempts (tenant_id, created_at);
-- a verification's webhook deliveries, for its timeline
create index webhook_events_verification_idx on webhook_events (verification_id);
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);
