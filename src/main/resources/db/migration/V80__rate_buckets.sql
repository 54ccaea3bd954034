-- Rate-limit token buckets shared by the nodes of a PostgreSQL installation, one row per bucket,
-- taken by a single upsert per send (PostgresBucketStore). They replace bucket4j's serialized
-- buckets; the old rows are dropped, so every bucket starts full once after the upgrade. H2 accepts
-- the same DDL; on H2 (one node) buckets live in memory and this table stays empty.
drop table protection_buckets;
create table rate_buckets (
  id          varchar(200) primary key,
  capacity    bigint not null,
  period_us   bigint not null,
  tokens      double precision not null,
  updated_us  bigint not null,
  -- the bucket is surely full again from then on (one period after its last token was taken)
  full_at_us  bigint not null
);
create index rate_buckets_full_idx on rate_buckets (full_at_us);
