package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.task.Execution;
import io.kodama.system.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

  private final JdbcTemplate jdbc;

  DeliveryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the tries' log rows as one batch. */
  void insertAll(List<WebhookDeliverer.Tried> tries) {
    if (tries.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("insert into webhook_deliveries (id, endpoint_id, tenant_id, event_id, event_type, attempt,"
        + " outcome, status_code, latency_ms, error, next_attempt_at, created_at)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tries.stream().map(t -> {
          DeliveryRecord d = t.log();
          return new Object[] {d.id(), d.endpointId(), t.tenantId(), d.eventId(), d.eventType(), d.attempt(),
              d.outcome(), d.statusCode(), d.latencyMs(), d.error(), Db.ts(d.nextAttemptAt()), Db.ts(d.createdAt())};
        }).toList());
  }

  /**
   * Removes finished delivery jobs: the statement db-scheduler's own remove runs, for a batch. A row
   * whose version changed (another node took it over as dead) is left to that node.
   */
  void deleteJobs(List<Execution> jobs) {
    jdbc.batchUpdate("delete from scheduled_tasks where task_name = ? and task_instance = ? and version = ?",
        jobs.stream().map(j -> new Object[] {j.getTaskName(), j.getId(), j.version}).toList());
  }

  /** The endpoint's latest attempts first, before a cursor. */
  List<DeliveryRecord> forEndpoint(String tenantId, String endpointId, String before, int limit) {
    String cursor = before == null ? "" : " and id < ?";
    Object[] args = before == null ? new Object[] {endpointId, tenantId} : new Object[] {endpointId, tenantId, before};
    return jdbc.query("select * from webhook_deliveries where endpoint_id = ? and tenant_id = ?" + cursor
        + " order by id desc fetch first " + limit + " rows only", this::record, args);
  }

  int deleteOlderThan(Instant cutoff) {
    return jdbc.update("delete from webhook_deliveries where created_at < ?", Db.ts(cutoff));
  }

  private DeliveryRecord record(ResultSet rs, int i) throws SQLException {
    // PostgreSQL's driver converts an integer column to Integer, not to Long
    Integer latency = (Integer) rs.getObject("latency_ms", Integer.class);
    return new DeliveryRecord(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
        rs.getString("event_type"), rs.getInt("attempt"), rs.getString("outcome"),
        (Integer) rs.getObject("status_code", Integer.class), latency == null ? null : latency.longValue(),
        rs.getString("error"), Db.instant(rs, "next_attempt_at"), Db.instant(rs, "created_at"));
  }
}
