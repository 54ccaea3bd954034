-- db-scheduler's table: only the indexes its hot statements use. Picking a job changes picked,
-- picked_by, last_heartbeat and version; with no index on any of them, PostgreSQL can update the
-- row in place (a HOT update) instead of adding an entry to every index for every job.
-- Priorities are not enabled (db-scheduler.priority-enabled), so nothing reads the priority index;
-- the search for dead executions (picked rows whose heartbeat stopped) runs once per heartbeat
-- interval and, without its index, reads the table, which holds only the jobs not yet done.
drop index scheduled_tasks_last_heartbeat_idx;
drop index scheduled_tasks_priority_idx;
