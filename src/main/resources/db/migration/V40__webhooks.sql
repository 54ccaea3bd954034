-- Webhooks: endpoints, the event outbox, and the delivery log. H2 (MODE=PostgreSQL) and PostgreSQL 15+.

create table webhook_endpoints (
  id                      varchar(40)   primary key,
  tenant_id               varchar(40)   not null references tenants (id),
  url                     varchar(2000) not null,
  description             varchar(200),
  event_types             varchar(1000) not null,   -- comma-separated, or '*' for every type
  enabled                 boolean       not null,
  disabled_reason         varchar(40),
  secret_sealed           varchar(200)  not null,   -- AES-GCM, see SecretBox
  previous_secret_sealed  varchar(200),
  previous_secret_until   timestamp with time zone,
  created_at              timestamp with time zone not null,
  updated_at              timestamp with time zone not null
);
create index webhook_endpoints_tenant_idx on webhook_endpoints (tenant_id, created_at);

-- one row per event; written in the transaction of the state change it announces
create table webhook_events (
  id               varchar(40)  primary key,       -- evt_<ULID>, the webhook-id header
  tenant_id        varchar(40)  not null,
  type             varchar(40)  not null,
  verification_id  varchar(40),
  payload          text         not null,           -- the exact JSON body that is signed and sent
  created_at       timestamp with time zone not null
);
create index webhook_events_tenant_idx on webhook_events (tenant_id, id);
create index webhook_events_created_idx on webhook_events (created_at);

-- one row per delivery attempt
create table webhook_deliveries (
  id            varchar(40)  primary key,
  endpoint_id   varchar(40)  not null,
  tenant_id     varchar(40)  not null,
  event_id      varchar(40)  not null,
  event_type    varchar(40)  not null,
  attempt       integer      not null,
  outcome       varchar(20)  not null,              -- succeeded, retrying, failed, disabled, skipped
  status_code   integer,
  latency_ms    integer,
  error         varchar(500),
  next_attempt_at timestamp with time zone,
  created_at    timestamp with time zone not null
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id);
create index webhook_deliveries_created_idx on webhook_deliveries (created_at);
