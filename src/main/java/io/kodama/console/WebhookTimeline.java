package io.kodama.console;

import io.kodama.system.Db;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The webhook deliveries of a verification's events, for its timeline. */
@Component
final class WebhookTimeline implements TimelineSource {

  private final JdbcTemplate jdbc;

  WebhookTimeline(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Timeline.Step> steps(String tenantId, String verificationId) {
    return jdbc.query("select d.event_type, d.endpoint_id, d.attempt, d.outcome, d.status_code, d.latency_ms,"
            + " d.error, d.created_at from webhook_events e join webhook_deliveries d on d.event_id = e.id"
            + " where e.verification_id = ? and e.tenant_id = ? order by d.created_at limit 200",
        (rs, i) -> {
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("event", rs.getString("event_type"));
          detail.put("endpoint", rs.getString("endpoint_id"));
          int status = rs.getInt("status_code");
          if (!rs.wasNull()) {
            detail.put("responseStatus", status);
          }
          long latency = rs.getLong("latency_ms");
          if (!rs.wasNull()) {
            detail.put("latency", latency + " ms");
          }
          detail.put("attempts", rs.getInt("attempt"));
          String outcome = rs.getString("outcome");
          return new Timeline.Step(Db.instant(rs, "created_at"), "webhook", null, outcome, rs.getString("error"),
              detail, Timeline.tone(outcome));
        }, verificationId, tenantId);
  }
}
