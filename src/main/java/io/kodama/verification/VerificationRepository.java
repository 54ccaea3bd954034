package io.kodama.verification;

import io.kodama.system.Db;
import io.kodama.system.RecentValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class VerificationRepository {

  /** A stored verification with its secrets, which never leave this module. */
  record Stored(Verification verification, String codeHash, String codeSealed, String idempotencyKey,
      String requestHash, TransactionDetails transaction) {}

  private final JdbcTemplate jdbc;
  private final RecentValues<String, VerificationFacts> recentFacts = new RecentValues<>(10_000);

  VerificationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Verification v, String codeHash, String codeSealed, String idempotencyKey, String requestHash,
      TransactionDetails transaction) {
    jdbc.update("insert into verifications (id, tenant_id, to_e164, country, line_type, channel, locale, purpose,"
            + " external_ref, status, status_reason, code_length, code_hash, code_sealed, checks_used, sends,"
            + " last_send_at, idempotency_key, request_hash, created_at, updated_at, expires_at,"
            + " transaction_amount, transaction_currency, transaction_payee, pending_to)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v.id(), v.tenantId(), v.to(), v.country(), v.lineType(), v.channel(), v.locale(), v.purpose(),
        v.externalRef(), v.status(), v.statusReason(), v.codeLength(), codeHash, codeSealed, v.checksUsed(),
        v.sends(), Db.ts(v.lastSendAt()), idempotencyKey, requestHash, Db.ts(v.createdAt()), Db.ts(v.updatedAt()),
        Db.ts(v.expiresAt()), transaction == null ? null : transaction.amount(),
        transaction == null ? null : transaction.currency(), transaction == null ? null : transaction.payee(),
        v.isPending() ? v.to() : null);
    recentFacts.get(v.id(), id -> VerificationFacts.of(v));
  }

  /** A verification's unchanging facts, read once while recent (its deliveries and events ask at each step). */
  Optional<VerificationFacts> facts(String id) {
    return Optional.ofNullable(recentFacts.get(id,
        key -> findById(key).map(stored -> VerificationFacts.of(stored.verification())).orElse(null)));
  }

  Optional<Stored> find(String tenantId, String id) {
    return jdbc.query("select * from verifications where id = ? and tenant_id = ?", this::stored, id, tenantId)
        .stream().findFirst();
  }

  Optional<Stored> findById(String id) {
    return jdbc.query("select * from verifications where id = ?", this::stored, id).stream().findFirst();
  }

  Optional<Stored> findByIdempotencyKey(String tenantId, String key) {
    return jdbc.query("select * from verifications where tenant_id = ? and idempotency_key = ?", this::stored,
        tenantId, key).stream().findFirst();
  }

  List<Stored> pendingFor(String tenantId, String to) {
    return jdbc.query("select * from verifications where tenant_id = ? and to_e164 = ? and status = 'pending'",
        this::stored, tenantId, to);
  }

  List<String> pendingExpiredIds(Instant now, int limit) {
    return jdbc.queryForList("select id from verifications where status = 'pending' and expires_at <= ?"
        + " order by expires_at fetch first " + limit + " rows only", String.class, Db.ts(now));
  }

  /** Takes one check if any is left; the single atomic step that bounds comparisons. */
  boolean takeCheck(String id, int checksUsed, String codeHash, int maxChecks, Instant now) {
    return jdbc.update("update verifications set checks_used = checks_used + 1, updated_at = ? where id = ?"
        + " and status = 'pending' and checks_used = ? and checks_used < ? and code_hash = ?",
        Db.ts(now), id, checksUsed, maxChecks, codeHash) == 1;
  }

  /** Gives back a check slot taken by a check that was not compared. */
  void giveBackCheck(String id) {
    jdbc.update("update verifications set checks_used = checks_used - 1 where id = ? and checks_used > 0", id);
  }

  /** Moves a pending verification to a final status and erases its sealed code. */
  boolean close(String id, String status, String reason, Instant now) {
    return jdbc.update("update verifications set status = ?, status_reason = ?, code_sealed = null, pending_to = null,"
        + " updated_at = ? where id = ? and status = 'pending'", status, reason, Db.ts(now), id) == 1;
  }

  /**
   * Counts a send, only if no other send was counted since {@code lastSendAt} was read: of parallel
   * resends (a double click), one is counted and the others are not.
   */
  boolean recordSend(String id, int maxSends, Instant lastSendAt, Instant now, String newHash, String newSealed) {
    if (newHash != null) {
      return jdbc.update("update verifications set sends = sends + 1, last_send_at = ?, updated_at = ?,"
          + " code_hash = ?, code_sealed = ? where id = ? and status = 'pending' and sends < ? and last_send_at = ?",
          Db.ts(now), Db.ts(now), newHash, newSealed, id, maxSends, Db.ts(lastSendAt)) == 1;
    }
    return jdbc.update("update verifications set sends = sends + 1, last_send_at = ?, updated_at = ?"
        + " where id = ? and status = 'pending' and sends < ? and last_send_at = ?", Db.ts(now), Db.ts(now), id,
        maxSends, Db.ts(lastSendAt)) == 1;
  }

  private Stored stored(ResultSet rs, int i) throws SQLException {
    Verification v = new Verification(rs.getString("id"), rs.getString("tenant_id"), rs.getString("to_e164"),
        rs.getString("country"), rs.getString("line_type"), rs.getString("channel"), rs.getString("locale"),
        rs.getString("purpose"), rs.getString("external_ref"), rs.getString("status"), rs.getString("status_reason"),
        rs.getInt("code_length"), rs.getInt("checks_used"), rs.getInt("sends"), Db.instant(rs, "last_send_at"),
        Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"), Db.instant(rs, "expires_at"));
    String amount = rs.getString("transaction_amount");
    TransactionDetails transaction = amount == null ? null
        : new TransactionDetails(amount, rs.getString("transaction_currency"), rs.getString("transaction_payee"));
    return new Stored(v, rs.getString("code_hash"), rs.getString("code_sealed"), rs.getString("idempotency_key"),
        rs.getString("request_hash"), transaction);
  }
}
