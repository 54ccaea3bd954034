-- SMS failures remembered per number, so a number that does not take SMS is called directly
create table number_sms_health (
  tenant_id        varchar(40)  not null,
  to_e164          varchar(20)  not null,
  failures         integer      not null,
  last_failure_at  timestamp with time zone not null,
  primary key (tenant_id, to_e164)
);
