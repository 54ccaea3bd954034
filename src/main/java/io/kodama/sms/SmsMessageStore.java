package io.kodama.sms;

import io.kodama.sms.smpp.MessageIds;
import io.kodama.sms.smpp.Receipt;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The tables of V20__sms.sql: SMS handed to the SMSC, their message ids, early receipts. */
final class SmsMessageStore {

  static final String SENDING = "sending";
  static final String SUBMITTED = "submitted";
  static final List<String> OPEN = List.of(SENDING, SUBMITTED);

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  SmsMessageStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  /** A receipt that came for an id no attempt has (yet). */
  record Orphan(String messageKey, String stat, String err) {}

  /** Records that an SMS is about to be sent; false when the attempt was handed over before. */
  boolean begin(String attemptId, String destination, int segments, Instant now, Instant due) {
    try {
      jdbc.update(
          "INSERT INTO sms_attempt (attempt_id, destination, segments, state, ids_confirmed,"
              + " created_at, receipt_due_at, updated_at) VALUES (?, ?, ?, ?, FALSE, ?, ?, ?)",
          attemptId, digits(destination), segments, SENDING, ts(now), ts(due), ts(now));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  Optional<String> state(String attemptId) {
    return jdbc.query("SELECT state FROM sms_attempt WHERE attempt_id = ?",
            (rs, n) -> rs.getString(1), attemptId)
        .stream()
        .findFirst();
  }

  /** Forgets an attempt whose SMS certainly was not sent, so that a retry may send it. */
  void forget(String attemptId) {
    jdbc.update("DELETE FROM sms_attempt WHERE attempt_id = ? AND state = ?", attemptId, SENDING);
  }

  /**
   * Maps the SMSC's ids to the attempt (idempotent). An id mapped to another attempt before is now
   * this attempt's: the SMSC gives ids again after a restart, when its counter wraps, or when two
   * configured SMSCs count alike, and a receipt for the id is for the latest SMS that got it.
   */
  void mapIds(String attemptId, List<String> messageIds, boolean allConfirmed) {
    for (int i = 0; i < messageIds.size(); i++) {
      String key = MessageIds.key(messageIds.get(i));
      if (jdbc.update("INSERT INTO sms_message_id (message_key, attempt_id, part) VALUES (?, ?, ?)"
          + " ON CONFLICT DO NOTHING", key, attemptId, i + 1) == 0) {
        jdbc.update("UPDATE sms_message_id SET attempt_id = ?, part = ? WHERE message_key = ? AND attempt_id <> ?",
            attemptId, i + 1, key, attemptId);
      }
    }
    if (allConfirmed) {
      jdbc.update("UPDATE sms_attempt SET ids_confirmed = TRUE WHERE attempt_id = ?", attemptId);
    }
  }

  /** Moves an open attempt to a new state; false when it was not open any more. */
  boolean close(String attemptId, String state, String reason, Instant now) {
    return named.update(
            "UPDATE sms_attempt SET state = :state, reason = :reason, updated_at = :now"
                + " WHERE attempt_id = :id AND state IN (:open)",
            new MapSqlParameterSource()
                .addValue("state", state)
                .addValue("reason", reason)
                .addValue("now", ts(now))
                .addValue("id", attemptId)
                .addValue("open", OPEN))
        == 1;
  }

  /** Moves a sending attempt to submitted; false when it was not sending. */
  boolean markSubmitted(String attemptId, Instant now) {
    return markSubmitted(attemptId, false, now);
  }

  /** Moves a sending attempt to submitted, noting whether all its ids are known. */
  boolean markSubmitted(String attemptId, boolean idsConfirmed, Instant now) {
    return jdbc.update(
            "UPDATE sms_attempt SET state = ?, ids_confirmed = ?, updated_at = ?"
                + " WHERE attempt_id = ? AND state = ?",
            SUBMITTED, idsConfirmed, ts(now), attemptId, SENDING)
        == 1;
  }

  /** The attempt one of the receipt's ids belongs to, trying decimal and hex forms. */
  Optional<String> attemptFor(Receipt receipt) {
    Set<String> keys = keysOf(receipt);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    List<String[]> rows =
        named.query(
            "SELECT message_key, attempt_id FROM sms_message_id WHERE message_key IN (:keys)",
            new MapSqlParameterSource("keys", keys),
            (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
    for (String key : keys) { // best candidate first
      for (String[] row : rows) {
        if (row[0].equals(key)) {
          return Optional.of(row[1]);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The one submitted attempt to this handset whose submit_sm_resp never came, if exactly one:
   * its receipt can only be matched by number. (Attempts still sending are not candidates: their
   * response may yet come, and the receipt is kept for it.)
   */
  Optional<String> unconfirmedAttemptTo(String handset) {
    if (handset == null) {
      return Optional.empty();
    }
    List<String> ids =
        named.query(
            "SELECT attempt_id FROM sms_attempt WHERE destination = :d AND ids_confirmed = FALSE"
                + " AND state = :submitted",
            new MapSqlParameterSource().addValue("d", digits(handset)).addValue("submitted", SUBMITTED),
            (rs, n) -> rs.getString(1));
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }

  /** Keeps a receipt whose id is not mapped yet; false when the same one was kept already. */
  boolean keepOrphan(Receipt receipt, Instant now) {
    String primary = MessageIds.key(receipt.messageId().orElseThrow());
    String alt = receipt.textId() == null ? null : MessageIds.key(receipt.textId());
    try {
      jdbc.update(
          "INSERT INTO sms_orphan_receipt (message_key, stat, alt_key, err, handset, received_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          primary, receipt.stat(), primary.equals(alt) ? null : alt, receipt.err(),
          receipt.handset() == null ? null : digits(receipt.handset()), ts(now));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Whether an early receipt is kept for any form of these ids (a cheap read, no lock). */
  boolean hasOrphansFor(Collection<String> messageIds) {
    return !orphansFor(messageIds).isEmpty();
  }

  /** Early receipts for any form of these ids. */
  List<Orphan> orphansFor(Collection<String> messageIds) {
    Set<String> keys = new LinkedHashSet<>();
    messageIds.forEach(id -> keys.addAll(MessageIds.candidates(id)));
    if (keys.isEmpty()) {
      return List.of();
    }
    return named.query(
        "SELECT message_key, stat, err FROM sms_orphan_receipt"
            + " WHERE message_key IN (:keys) OR alt_key IN (:keys)",
        new MapSqlParameterSource("keys", keys),
        (rs, n) -> new Orphan(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  /** Early receipts from this handset (for a submit whose response never came). */
  List<Orphan> orphansFrom(String handset) {
    return jdbc.query(
        "SELECT message_key, stat, err FROM sms_orphan_receipt WHERE handset = ?",
        (rs, n) -> new Orphan(rs.getString(1), rs.getString(2), rs.getString(3)),
        digits(handset));
  }

  void deleteOrphan(String messageKey) {
    jdbc.update("DELETE FROM sms_orphan_receipt WHERE message_key = ?", messageKey);
  }

  int purgeOrphansBefore(Instant before) {
    return jdbc.update("DELETE FROM sms_orphan_receipt WHERE received_at < ?", ts(before));
  }

  /** An open attempt whose receipt is overdue; {@code idsConfirmed}: every part's submit was answered. */
  record Overdue(String attemptId, String destination, boolean idsConfirmed) {}

  /** Open attempts whose receipt is overdue, oldest first. */
  List<Overdue> overdue(Instant now, int limit) {
    return named.query(
        "SELECT attempt_id, destination, ids_confirmed FROM sms_attempt WHERE state IN (:open)"
            + " AND receipt_due_at < :now ORDER BY receipt_due_at LIMIT :limit",
        new MapSqlParameterSource()
            .addValue("open", OPEN)
            .addValue("now", ts(now))
            .addValue("limit", limit),
        (rs, n) -> new Overdue(rs.getString(1), "+" + rs.getString(2), rs.getBoolean(3)));
  }

  private static Set<String> keysOf(Receipt receipt) {
    Set<String> keys = new LinkedHashSet<>();
    if (receipt.receiptedMessageId() != null) {
      keys.addAll(MessageIds.candidates(receipt.receiptedMessageId()));
    }
    if (receipt.textId() != null) {
      keys.addAll(MessageIds.candidates(receipt.textId()));
    }
    return keys;
  }

  private static String digits(String number) {
    return number.startsWith("+") ? number.substring(1) : number;
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
