-- Quartz.NET 4.7.3's ADO job store (docs/decisions/0054-scheduled-jobs.md), in Reeve's own database so the schedule
-- survives a restart and two schedulers sharing the database take turns. The tables are Quartz's as its 4.7.3
-- release creates them for this engine (the table prefix qrtz_); Reeve reads none of them in SQL, only through
-- Quartz's scheduler. Quartz is told only to check them: the schema moves only by Reeve's migrations.
create table if not exists qrtz_job_details (
  sched_name nvarchar(120) not null,
  job_name nvarchar(150) not null,
  job_group nvarchar(150) not null,
  description nvarchar(250) null,
  job_class_name nvarchar(250) not null,
  is_durable bit not null,
  is_nonconcurrent bit not null,
  is_update_data bit not null,
  requests_recovery bit not null,
  job_data blob null,
  primary key (sched_name,job_name,job_group)
);
create table if not exists qrtz_triggers (
  sched_name nvarchar(120) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  job_name nvarchar(150) not null,
  job_group nvarchar(150) not null,
  description nvarchar(250) null,
  next_fire_time bigint null,
  prev_fire_time bigint null,
  priority integer null,
  trigger_state nvarchar(16) not null,
  trigger_type nvarchar(8) not null,
  start_time bigint not null,
  end_time bigint null,
  calendar_name nvarchar(200) null,
  misfire_instr integer null,
  misfire_orig_fire_time integer null,
  execution_group nvarchar(200) null,
  preferred_node nvarchar(200) null,
  preferred_node_auto bit not null default 0,
  retry_policy nvarchar(250) null,
  retry_attempt integer null,
  continues_trigger_name nvarchar(150) null,
  continues_trigger_group nvarchar(150) null,
  continuation_condition integer null,
  overlap_policy integer null,
  pause_reason nvarchar(250) null,
  paused_by nvarchar(200) null,
  paused_at bigint null,
  misfire_threshold bigint null,
  fixed_delay bit null,
  job_data blob null,
  primary key (sched_name,trigger_name,trigger_group),
  foreign key (sched_name,job_name,job_group) references qrtz_job_details (sched_name,job_name,job_group)
);
create table if not exists qrtz_simple_triggers (
  sched_name nvarchar(120) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  repeat_count bigint not null,
  repeat_interval bigint not null,
  times_triggered bigint not null,
  primary key (sched_name,trigger_name,trigger_group),
  foreign key (sched_name,trigger_name,trigger_group) references qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
);
create table if not exists qrtz_cron_triggers (
  sched_name nvarchar(120) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  cron_expression nvarchar(250) not null,
  time_zone_id nvarchar(80),
  primary key (sched_name,trigger_name,trigger_group),
  foreign key (sched_name,trigger_name,trigger_group) references qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
);
create table if not exists qrtz_simprop_triggers (
  sched_name nvarchar(120) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  str_prop_1 nvarchar(512) null,
  str_prop_2 nvarchar(512) null,
  str_prop_3 nvarchar(512) null,
  int_prop_1 int null,
  int_prop_2 int null,
  long_prop_1 bigint null,
  long_prop_2 bigint null,
  dec_prop_1 numeric null,
  dec_prop_2 numeric null,
  bool_prop_1 bit null,
  bool_prop_2 bit null,
  time_zone_id nvarchar(80) null,
  primary key (sched_name,trigger_name,trigger_group),
  foreign key (sched_name,trigger_name,trigger_group) references qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
);
create table if not exists qrtz_blob_triggers (
  sched_name nvarchar(120) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  blob_data blob null,
  primary key (sched_name,trigger_name,trigger_group),
  foreign key (sched_name,trigger_name,trigger_group) references qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
);
create table if not exists qrtz_calendars (
  sched_name nvarchar(120) not null,
  calendar_name nvarchar(200) not null,
  calendar blob not null,
  primary key (sched_name,calendar_name)
);
create table if not exists qrtz_paused_trigger_grps (
  sched_name nvarchar(120) not null,
  trigger_group nvarchar(150) not null,
  pause_reason nvarchar(250) null,
  paused_by nvarchar(200) null,
  paused_at bigint null,
  primary key (sched_name,trigger_group)
);
create table if not exists qrtz_paused_job_grps (
  sched_name nvarchar(120) not null,
  job_group nvarchar(150) not null,
  pause_reason nvarchar(250) null,
  paused_by nvarchar(200) null,
  paused_at bigint null,
  primary key (sched_name,job_group)
);
create table if not exists qrtz_fired_triggers (
  sched_name nvarchar(120) not null,
  entry_id nvarchar(140) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  instance_name nvarchar(200) not null,
  fired_time bigint not null,
  sched_time bigint not null,
  priority integer not null,
  state nvarchar(16) not null,
  job_name nvarchar(150) null,
  job_group nvarchar(150) null,
  is_nonconcurrent bit null,
  requests_recovery bit null,
  execution_group nvarchar(200) null,
  progress integer null,
  progress_message nvarchar(250) null,
  interrupt_requested_time bigint null,
  primary key (sched_name,entry_id)
);
create table if not exists qrtz_scheduler_state (
  sched_name nvarchar(120) not null,
  instance_name nvarchar(200) not null,
  last_checkin_time bigint not null,
  checkin_interval bigint not null,
  quartz_version nvarchar(20) null,
  primary key (sched_name,instance_name)
);
create table if not exists qrtz_locks (
  sched_name nvarchar(120) not null,
  lock_name nvarchar(40) not null,
  primary key (sched_name,lock_name)
);
create table if not exists qrtz_execution_history (
  sched_name nvarchar(120) not null,
  entry_id nvarchar(140) not null,
  instance_name nvarchar(200) not null,
  job_name nvarchar(150) not null,
  job_group nvarchar(150) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  fired_time bigint not null,
  run_time bigint not null,
  succeeded bit not null,
  error_message nvarchar(1000) null,
  retry_attempt integer not null default 0,
  retry_scheduled bit not null default 0,
  execution_log text null,
  result integer null,
  summary nvarchar(1000) null,
  metrics text null,
  manual bit null,
  fire_instance_id nvarchar(140) null,
  job_input text null,
  job_input_too_large bit null,
  primary key (sched_name,entry_id)
);
create table if not exists qrtz_misfire_history (
  sched_name nvarchar(120) not null,
  entry_id nvarchar(140) not null,
  instance_name nvarchar(200) not null,
  trigger_name nvarchar(150) not null,
  trigger_group nvarchar(150) not null,
  job_name nvarchar(150) null,
  job_group nvarchar(150) null,
  misfire_time bigint not null,
  sched_time bigint null,
  reason integer null,
  primary key (sched_name,entry_id)
);
create table if not exists qrtz_job_status (
  sched_name nvarchar(120) not null,
  job_group nvarchar(150) not null,
  job_name nvarchar(150) not null,
  first_fired_time bigint not null,
  last_fired_time bigint not null,
  last_result integer not null,
  last_run_time bigint not null,
  last_instance_name nvarchar(200) not null,
  last_entry_id nvarchar(140) null,
  last_summary nvarchar(1000) null,
  last_success_time bigint null,
  last_failure_time bigint null,
  last_failure_message nvarchar(1000) null,
  consecutive_failures integer not null default 0,
  run_count bigint not null default 0,
  failure_count bigint not null default 0,
  primary key (sched_name,job_group,job_name)
);
create trigger if not exists qrtz_delete_simple_trigger delete on qrtz_triggers
begin
  delete from qrtz_simple_triggers where sched_name=old.sched_name and trigger_name=old.trigger_name and trigger_group=old.trigger_group;
end;
create trigger if not exists qrtz_delete_simprop_trigger delete on qrtz_triggers
begin
  delete from qrtz_simprop_triggers where sched_name=old.sched_name and trigger_name=old.trigger_name and trigger_group=old.trigger_group;
end;
create trigger if not exists qrtz_delete_cron_trigger delete on qrtz_triggers
begin
  delete from qrtz_cron_triggers where sched_name=old.sched_name and trigger_name=old.trigger_name and trigger_group=old.trigger_group;
end;
create trigger if not exists qrtz_delete_blob_trigger delete on qrtz_triggers
begin
  delete from qrtz_blob_triggers where sched_name=old.sched_name and trigger_name=old.trigger_name and trigger_group=old.trigger_group;
end;
create index if not exists idx_qrtz_j_g_n on qrtz_job_details(sched_name,job_group,job_name);
create index if not exists idx_qrtz_t_j on qrtz_triggers(sched_name,job_name,job_group);
create index if not exists idx_qrtz_t_g_n on qrtz_triggers(sched_name,trigger_group,trigger_name);
create index if not exists idx_qrtz_t_c on qrtz_triggers(sched_name,calendar_name);
create index if not exists idx_qrtz_t_nft_st on qrtz_triggers(sched_name,trigger_state,next_fire_time asc,priority desc,misfire_instr);
create index if not exists idx_qrtz_ft_inst_job_req_rcvry on qrtz_fired_triggers(sched_name,instance_name,requests_recovery);
create index if not exists idx_qrtz_ft_j_g on qrtz_fired_triggers(sched_name,job_name,job_group);
create index if not exists idx_qrtz_ft_t_g on qrtz_fired_triggers(sched_name,trigger_name,trigger_group);
create index if not exists idx_qrtz_eh_fired_time on qrtz_execution_history(sched_name,fired_time);
create index if not exists idx_qrtz_eh_inst on qrtz_execution_history(sched_name,instance_name);
create index if not exists idx_qrtz_mh_misfire_time on qrtz_misfire_history(sched_name,misfire_time);
create index if not exists idx_qrtz_mh_inst on qrtz_misfire_history(sched_name,instance_name);
create index if not exists idx_qrtz_eh_job_time on qrtz_execution_history(sched_name,job_group,job_name,fired_time);
create index if not exists idx_qrtz_eh_fire_inst on qrtz_execution_history(sched_name,fire_instance_id);
create index if not exists idx_qrtz_eh_trig_time on qrtz_execution_history(sched_name,trigger_group,trigger_name,fired_time);
