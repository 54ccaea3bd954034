-- The pumping guard's counts per destination and minute (sent_minute: minutes since the epoch, UTC),
-- instead of counting the latest rows of protection_sends at every start. A destination is a
-- tenant's range (scope 'prefix', block_key the number without its last four digits) or country.
create table protection_counts (
  tenant_id    varchar(40) not null,
  scope        varchar(10) not null,
  block_key    varchar(20) not null,
  sent_minute  bigint      not null,
  sends        integer     not null,
  approvals    integer     not null
);
-- newest minute first: the guard reads a destination's latest minutes and stops
create unique index protection_counts_key on protection_counts (tenant_id, scope, block_key, sent_minute desc);
create index protection_counts_minute_idx on protection_counts (sent_minute);

-- what was counted before this version keeps counting
insert into protection_counts (tenant_id, scope, block_key, sent_minute, sends, approvals)
  select tenant_id, 'prefix', prefix, cast(floor(extract(epoch from sent_at) / 60) as bigint), count(*), count(approved_at)
  from protection_sends group by tenant_id, prefix, cast(floor(extract(epoch from sent_at) / 60) as bigint);
insert into protection_counts (tenant_id, scope, block_key, sent_minute, sends, approvals)
  select tenant_id, 'country', country, cast(floor(extract(epoch from sent_at) / 60) as bigint), count(*), count(approved_at)
  from protection_sends group by tenant_id, country, cast(floor(extract(epoch from sent_at) / 60) as bigint);

-- counted above from now on; the sends stay as the number behind each verification
drop index protection_sends_prefix_idx;
drop index protection_sends_country_idx;
alter table protection_sends drop column approved_at;
alter table protection_sends drop column prefix;
alter table protection_sends drop column country;
