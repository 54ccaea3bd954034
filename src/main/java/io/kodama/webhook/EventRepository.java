package io.kodama.webhook;

import io.kodama.system.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class EventRepository {

  private final JdbcTemplate jdbc;

  EventRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(WebhookEvent e) {
    jdbc.update("insert into webhook_events (id, tenant_id, type, verification_id, payload, created_at)"
        + " values (?, ?, ?, ?, ?, ?)", e.id(), e.tenantId(), e.type(), e.verificationId(), e.payload(),
        Db.ts(e.createdAt()));
  }

  Optional<WebhookEvent> find(String id) {
    return jdbc.query("select * from webhook_events where id = ?", this::event, id).stream().findFirst();
  }

  Optional<WebhookEvent> find(String tenantId, String id) {
    return jdbc.query("select * from webhook_events where id = ? and tenant_id = ?", this::event, id, tenantId)
        .stream().findFirst();
  }

  /** The tenant's events after a cursor, in id order, created no later than {@code settledBefore}. */
  List<WebhookEvent> page(String tenantId, String after, String type, Instant settledBefore, int limit) {
    StringBuilder sql = new StringBuilder("select * from webhook_events where tenant_id = ? and created_at <= ?");
    List<Object> args = new ArrayList<>(List.of(tenantId, Db.ts(settledBefore)));
    if (after != null) {
      sql.append(" and id > ?");
      args.add(after);
    }
    if (type != null) {
      sql.append(" and type = ?");
      args.add(type);
    }
    sql.append(" order by id fetch first ").append(limit).append(" rows only");
    return jdbc.query(sql.toString(), this::event, args.toArray());
  }

  int deleteOlderThan(Instant cutoff) {
    return jdbc.update("delete from webhook_events where created_at < ?", Db.ts(cutoff));
  }

  private WebhookEvent event(ResultSet rs, int i) throws SQLException {
    return new WebhookEvent(rs.getString("id"), rs.getString("tenant_id"), rs.getString("type"),
        rs.getString("verification_id"), rs.getString("payload"), Db.instant(rs, "created_at"));
  }
}
