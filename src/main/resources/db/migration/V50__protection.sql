-- Abuse protection, payments, phone bindings and stale numbers (issue 8).
-- One set of SQL for H2 (MODE=PostgreSQL) and PostgreSQL 15+. No phone number is kept in clear
-- here, except in phone_bindings when the tenant did not ask for keyed hashes.

-- payments (dynamic linking): what the code is bound to, stored with the verification
alter table verifications add column transaction_amount varchar(40);
alter table verifications add column transaction_currency varchar(3);
alter table verifications add column transaction_payee varchar(200);

-- wrong-code lockout with a growing wait (number_guards is the core's per-number counter)
alter table number_guards add column lockouts integer not null default 0;
alter table number_guards add column locked_until timestamp with time zone;

-- one row per started verification: conversion (approved / sent) per prefix and country, and the
-- number behind a verification for delivery outcomes. number_key is an HMAC of the number.
create table protection_sends (
  verification_id  varchar(40)  primary key,
  tenant_id        varchar(40)  not null,
  number_key       varchar(64)  not null,
  number_masked    varchar(30)  not null,
  prefix           varchar(20)  not null,
  country          varchar(3)   not null,
  sent_at          timestamp with time zone not null,
  approved_at      timestamp with time zone
);
create index protection_sends_prefix_idx on protection_sends (tenant_id, prefix, sent_at);
create index protection_sends_country_idx on protection_sends (tenant_id, country, sent_at);
create index protection_sends_sent_idx on protection_sends (sent_at);

-- destinations blocked by the SMS-pumping guard; lifted blocks stay as history
create table protection_blocks (
  id          varchar(40)  primary key,
  tenant_id   varchar(40)  not null,
  scope       varchar(10)  not null,
  block_key   varchar(20)  not null,
  country     varchar(3)   not null,
  reason      varchar(40)  not null,
  sends       integer      not null,
  approvals   integer      not null,
  created_at  timestamp with time zone not null,
  until_at    timestamp with time zone not null,
  lifted_at   timestamp with time zone
);
create index protection_blocks_key_idx on protection_blocks (tenant_id, scope, block_key, until_at);
create index protection_blocks_created_idx on protection_blocks (created_at);

-- messages and calls per tenant, channel and UTC day, for the daily spend cap
create table protection_spend (
  tenant_id  varchar(40)  not null,
  channel    varchar(10)  not null,
  spend_day  varchar(10)  not null,
  units      integer      not null,
  primary key (tenant_id, channel, spend_day)
);

-- one member per phone: number_key is the E.164 number, or 'h:' + an HMAC of it when the tenant
-- asks for keyed hashes (then number_masked is null)
create table phone_bindings (
  id               varchar(40)  primary key,
  tenant_id        varchar(40)  not null,
  number_key       varchar(80)  not null,
  number_masked    varchar(30),
  external_ref     varchar(200) not null,
  verification_id  varchar(40)  not null,
  created_at       timestamp with time zone not null
);
create unique index phone_bindings_number_idx on phone_bindings (tenant_id, number_key);
create index phone_bindings_ref_idx on phone_bindings (tenant_id, external_ref);

-- stale numbers: consecutive non-deliveries per channel
create table number_reachability (
  tenant_id       varchar(40)  not null,
  number_key      varchar(64)  not null,
  number_masked   varchar(30)  not null,
  sms_failures    integer      not null,
  voice_failures  integer      not null,
  status          varchar(20)  not null,
  changed_at      timestamp with time zone,
  updated_at      timestamp with time zone not null,
  primary key (tenant_id, number_key)
);

-- Bucket4j's table (bucket4j_jdk17-postgresql, select-for-update): rate-limit buckets shared by
-- the nodes of a PostgreSQL installation. H2 accepts the same DDL; on H2 (one node) buckets live
-- in memory and this table stays empty, so both databases keep one schema.
create table protection_buckets (
  id          varchar(200) primary key,
  state       bytea,
  expires_at  bigint
);
create index protection_buckets_expiry_idx on protection_buckets (expires_at);
