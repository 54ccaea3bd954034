-- Kodama core schema. One set of SQL for H2 (MODE=PostgreSQL) and PostgreSQL 15+.

create table tenants (
  id            varchar(40)  primary key,
  name          varchar(200) not null,
  region        varchar(2)   not null,
  locale        varchar(5)   not null,
  brand         varchar(60)  not null,
  settings      text         not null,
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);

create table api_keys (
  id            varchar(40)  primary key,
  tenant_id     varchar(40)  not null references tenants (id),
  name          varchar(200) not null,
  prefix        varchar(20)  not null,
  key_hash      varchar(64)  not null,
  created_at    timestamp with time zone not null,
  revoked_at    timestamp with time zone
);
create unique index api_keys_hash_idx on api_keys (key_hash);
create index api_keys_tenant_idx on api_keys (tenant_id);

create table verifications (
  id               varchar(40)  primary key,
  tenant_id        varchar(40)  not null references tenants (id),
  to_e164          varchar(20)  not null,
  country          varchar(2)   not null,
  line_type        varchar(20)  not null,
  channel          varchar(10)  not null,
  locale           varchar(5)   not null,
  purpose          varchar(40)  not null,
  external_ref     varchar(200),
  status           varchar(20)  not null,
  status_reason    varchar(40),
  code_length      integer      not null,
  code_hash        varchar(64)  not null,
  code_sealed      varchar(200),
  checks_used      integer      not null,
  sends            integer      not null,
  last_send_at     timestamp with time zone,
  idempotency_key  varchar(255),
  request_hash     varchar(64),
  created_at       timestamp with time zone not null,
  updated_at       timestamp with time zone not null,
  expires_at       timestamp with time zone not null
);
create unique index verifications_idem_idx on verifications (tenant_id, idempotency_key);
create index verifications_number_idx on verifications (tenant_id, to_e164, status);
create index verifications_expiry_idx on verifications (status, expires_at);
create index verifications_created_idx on verifications (tenant_id, created_at);
create index verifications_ref_idx on verifications (tenant_id, external_ref);

-- wrong checks per number across all of its verifications, in a sliding fixed window
create table number_guards (
  tenant_id     varchar(40)  not null,
  to_e164       varchar(20)  not null,
  wrong_checks  integer      not null,
  window_start  timestamp with time zone not null,
  primary key (tenant_id, to_e164)
);

create table delivery_attempts (
  id               varchar(40)  primary key,
  verification_id  varchar(40)  not null references verifications (id),
  tenant_id        varchar(40)  not null,
  channel          varchar(10)  not null,
  status           varchar(20)  not null,
  reason           varchar(80),
  detail           text         not null,
  created_at       timestamp with time zone not null,
  updated_at       timestamp with time zone not null
);
create index delivery_attempts_verification_idx on delivery_attempts (verification_id, created_at);

-- db-scheduler's table (durable jobs; the job row is the outbox)
create table scheduled_tasks (
  task_name             varchar(100) not null,
  task_instance         varchar(100) not null,
  task_data             bytea,
  execution_time        timestamp with time zone not null,
  picked                boolean      not null,
  picked_by             varchar(50),
  last_success          timestamp with time zone,
  last_failure          timestamp with time zone,
  consecutive_failures  integer,
  last_heartbeat        timestamp with time zone,
  version               bigint       not null,
  priority              smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_idx on scheduled_tasks (priority desc, execution_time asc);
