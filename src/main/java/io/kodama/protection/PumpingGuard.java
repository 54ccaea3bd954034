package io.kodama.protection;

import io.kodama.phone.MaskedNumber;
import io.kodama.phone.PhoneNumber;
import io.kodama.protection.PumpingCounts.Counts;
import io.kodama.protection.PumpingCounts.Destination;
import io.kodama.system.AfterCommit;
import io.kodama.system.ApiException;
import io.kodama.system.Db;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS-pumping guard. Every started verification is a send towards a prefix (the number without
 * its last four digits) and a country; an approval converts it. When a prefix has at least {@code
 * min-sends} sends in the window and its latest sends convert below {@code min-conversion-percent}, it
 * is blocked for {@code block-minutes} and {@link ProtectionBlocked} is published. Countries other than the
 * tenant's own are watched the same way with {@code country-min-sends}. A block refuses every send
 * to the destination, so a pumping run costs at most {@code min-sends} messages per prefix. A lifted
 * block starts the count afresh. The latest sends are those of the latest minutes that hold at least
 * ten times {@code min-sends} sends ({@link PumpingCounts}).
 */
@Component
class PumpingGuard {

  private static final Logger log = LoggerFactory.getLogger(PumpingGuard.class);
  static final String PREFIX = "prefix";
  static final String COUNTRY = "country";
  /** How many of a destination's latest sends its conversion is judged on, per {@code min-sends}. */
  static final int JUDGED_SENDS_PER_MIN_SEND = 10;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final NumberKeys keys;
  private final PumpingCounts counts;
  private final Clock clock;

  PumpingGuard(JdbcTemplate jdbc, TransactionTemplate tx, ApplicationEventPublisher events, NumberKeys keys,
      PumpingCounts counts, Clock clock) {
    this.jdbc = jdbc;
    this.counts = counts;
    this.tx = tx;
    this.events = events;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Refuses a send to a blocked destination; for a new verification, first checks the
   * destination's recent conversion and blocks it when it looks like pumping.
   */
  void requireOpen(Tenant tenant, TenantProtection p, PhoneNumber number, boolean evaluate) {
    Instant now = clock.instant();
    String prefix = NumberKeys.prefix(number.e164());
    Optional<Block> active = active(blocks(tenant.id(), prefix, number.region(), now));
    if (active.isPresent()) {
      throw blocked(active.get());
    }
    if (!evaluate) {
      return;
    }
    Optional<Block> created = evaluate(new Destination(tenant.id(), PREFIX, prefix), number.region(),
        p.pumpingMinSends(), p, now);
    if (created.isEmpty() && !number.region().equals(tenant.region())) {
      created = evaluate(new Destination(tenant.id(), COUNTRY, number.region()), number.region(),
          p.pumpingCountryMinSends(), p, now);
    }
    if (created.isPresent()) {
      throw blocked(created.get());
    }
  }

  /** Whether any send to the number's destination is blocked now. */
  boolean isBlocked(String tenantId, String e164, String country) {
    return active(blocks(tenantId, NumberKeys.prefix(e164), country, clock.instant())).isPresent();
  }

  /**
   * Counts a started verification once its transaction commits; runs in that transaction.
   *
   * @param sentAt when the verification was created: its approval is counted in the same minute
   */
  void recordSend(String tenantId, String verificationId, PhoneNumber number, Instant sentAt) {
    jdbc.update("insert into protection_sends (verification_id, tenant_id, number_key, number_masked, sent_at)"
            + " values (?, ?, ?, ?, ?)", verificationId, tenantId, keys.of(number.e164()),
        MaskedNumber.of(number.e164()), Db.ts(sentAt));
    AfterCommit.run(() -> count(tenantId, number.e164(), number.region(), sentAt, 1, 0));
  }

  /** Counts a conversion of a send made at {@code sentAt}; runs in the transaction that approves it. */
  void recordApproval(String tenantId, String e164, String country, Instant sentAt) {
    AfterCommit.run(() -> count(tenantId, e164, country, sentAt, 0, 1));
  }

  private void count(String tenantId, String e164, String country, Instant sentAt, int sends, int approvals) {
    counts.add(new Destination(tenantId, PREFIX, NumberKeys.prefix(e164)), sentAt, sends, approvals);
    counts.add(new Destination(tenantId, COUNTRY, country), sentAt, sends, approvals);
  }

  List<Block> list(String tenantId, boolean activeOnly, int limit) {
    Instant now = clock.instant();
    StringBuilder sql = new StringBuilder("select * from protection_blocks where 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (tenantId != null) {
      sql.append(" and tenant_id = ?");
      args.add(tenantId);
    }
    if (activeOnly) {
      sql.append(" and lifted_at is null and until_at > ?");
      args.add(Db.ts(now));
    }
    sql.append(" order by created_at desc fetch first ").append(limit).append(" rows only");
    return jdbc.query(sql.toString(), (rs, i) -> block(rs, now), args.toArray());
  }

  Optional<Block> find(String id) {
    Instant now = clock.instant();
    return jdbc.query("select * from protection_blocks where id = ?", (rs, i) -> block(rs, now), id).stream().findFirst();
  }

  /** Lifts a block; lifting a lifted or ended block changes nothing. */
  Optional<Block> lift(String id) {
    Instant now = clock.instant();
    int lifted = jdbc.update("update protection_blocks set lifted_at = ? where id = ? and lifted_at is null",
        Db.ts(now), id);
    Optional<Block> block = find(id);
    if (lifted == 1 && block.isPresent()) {
      counts.reset(new Destination(block.get().tenantId(), block.get().scope(), block.get().destination()));
      log.info("Block {} ({} in {}) lifted by an operator", id, block.get().scope(), block.get().country());
    }
    return block;
  }

  int forgetSendsBefore(Instant cutoff) {
    return jdbc.update("delete from protection_sends where sent_at < ?", Db.ts(cutoff));
  }

  /** The active blocks of the destination's prefix or country, in one read. */
  private List<Block> blocks(String tenantId, String prefix, String country, Instant now) {
    return jdbc.query("select * from protection_blocks where tenant_id = ?"
            + " and ((scope = 'prefix' and block_key = ?) or (scope = 'country' and block_key = ?))"
            + " and lifted_at is null and until_at > ?",
        (rs, i) -> block(rs, now), tenantId, prefix, country, Db.ts(now));
  }

  /** Of the active blocks {@link #blocks} read, the one that ends last. */
  private static Optional<Block> active(List<Block> blocks) {
    return blocks.stream().max(Comparator.comparing(Block::until));
  }

  private Optional<Block> evaluate(Destination destination, String country, int minSends, TenantProtection p,
      Instant now) {
    // the latest sends only: an hour of good history would hide a pumping run that starts now
    Counts latest = counts.latest(destination, now.minus(p.pumpingWindow()), JUDGED_SENDS_PER_MIN_SEND * minSends);
    int sends = latest.sends();
    int approvals = latest.approvals();
    if (sends < minSends || approvals * 100L >= (long) p.pumpingMinConversionPercent() * sends) {
      return Optional.empty();
    }
    String tenantId = destination.tenantId();
    String scope = destination.scope();
    String key = destination.key();
    Block block = new Block(Ids.next("blk", clock), tenantId, scope, key, country, "low_conversion", sends, approvals,
        now, now.plus(p.pumpingBlock()), null, true);
    tx.executeWithoutResult(status -> {
      jdbc.update("insert into protection_blocks (id, tenant_id, scope, block_key, country, reason, sends, approvals,"
              + " created_at, until_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          block.id(), tenantId, scope, key, country, block.reason(), sends, approvals, Db.ts(now), Db.ts(block.until()));
      events.publishEvent(new ProtectionBlocked(block.id(), tenantId, scope, key, country, sends, approvals,
          block.until(), now));
    });
    // the prefix itself stays out of the log: with a masked number it would give the whole number
    log.warn("Block {}: a {} in {} of tenant {} until {}: {} sends, {} approved in the window", block.id(), scope,
        country, tenantId, block.until(), sends, approvals);
    return Optional.of(block);
  }

  private static ApiException blocked(Block block) {
    return new ApiException(ProblemType.DESTINATION_BLOCKED,
        "Codes to this destination are paused after unusual traffic; an operator can lift the pause")
        .with("blockedUntil", block.until().toString());
  }

  private static Block block(ResultSet rs, Instant now) throws SQLException {
    Instant until = Db.instant(rs, "until_at");
    Instant lifted = Db.instant(rs, "lifted_at");
    return new Block(rs.getString("id"), rs.getString("tenant_id"), rs.getString("scope"), rs.getString("block_key"),
        rs.getString("country"), rs.getString("reason"), rs.getInt("sends"), rs.getInt("approvals"),
        Db.instant(rs, "created_at"), until, lifted, lifted == null && until.isAfter(now));
  }
}
