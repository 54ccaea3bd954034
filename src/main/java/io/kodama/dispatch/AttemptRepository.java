package io.kodama.dispatch;

import io.kodama.system.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class AttemptRepository {

  /** The columns of a stored attempt, with its tenant. */
  record Row(Attempt attempt, String tenantId) {}

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  AttemptRepository(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(Attempt attempt, String tenantId) {
    jdbc.update("insert into delivery_attempts (id, verification_id, tenant_id, channel, status, reason, detail,"
            + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        attempt.id(), attempt.verificationId(), tenantId, attempt.channel().wire(), attempt.status(), attempt.reason(),
        json.writeValueAsString(attempt.detail()), Db.ts(attempt.createdAt()), Db.ts(attempt.updatedAt()));
  }

  Optional<Row> find(String attemptId) {
    return jdbc.query("select * from delivery_attempts where id = ?", this::row, attemptId).stream().findFirst();
  }

  /** Changes an attempt that is still in status {@code from}; false when it no longer is. */
  boolean update(String attemptId, String from, String status, String reason, Map<String, Object> detail,
      Instant at) {
    return jdbc.update("update delivery_attempts set status = ?, reason = ?, detail = ?, updated_at = ? where id = ?"
        + " and status = ?", status, reason, json.writeValueAsString(detail), Db.ts(at), attemptId, from) == 1;
  }

  List<Attempt> forVerification(String verificationId) {
    return jdbc.query("select * from delivery_attempts where verification_id = ? order by created_at, id",
        (rs, i) -> row(rs, i).attempt(), verificationId);
  }

  private Row row(ResultSet rs, int i) throws SQLException {
    Map<String, Object> detail = json.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() {});
    Attempt attempt = new Attempt(rs.getString("id"), rs.getString("verification_id"),
        Channel.fromWire(rs.getString("channel")), rs.getString("status"), rs.getString("reason"), detail,
        Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    return new Row(attempt, rs.getString("tenant_id"));
  }
}
