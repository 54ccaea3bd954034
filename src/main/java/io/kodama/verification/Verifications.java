package io.kodama.verification;

import io.kodama.dispatch.Attempt;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.Dispatcher;
import io.kodama.phone.LineType;
import io.kodama.phone.PhoneNumber;
import io.kodama.phone.PhoneNumbers;
import io.kodama.protection.Protection;
import io.kodama.protection.SendRequest;
import io.kodama.system.ApiException;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.system.ServerSecret;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.TenantSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts, checks, resends and cancels verifications. */
@Service
public class Verifications {

  private static final Logger log = LoggerFactory.getLogger(Verifications.class);
  private static final Set<String> CHANNELS = Set.of("auto", "sms", "voice");
  /** Starts for one number at the same moment: each retry supersedes the one that won before it. */
  private static final int MAX_START_TRIES = 5;

  private final VerificationRepository repository;
  private final CodeVault vault;
  private final NumberGuard numberGuard;
  private final SmsHealth smsHealth;
  private final PhoneNumbers phoneNumbers;
  private final Dispatcher dispatcher;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final VerificationSettings settings;
  private final MeterRegistry meters;
  private final Protection protection;

  Verifications(VerificationRepository repository, CodeVault vault, NumberGuard numberGuard, SmsHealth smsHealth,
      PhoneNumbers phoneNumbers,
      Dispatcher dispatcher, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
      VerificationSettings settings, MeterRegistry meters, Protection protection) {
    this.repository = repository;
    this.vault = vault;
    this.numberGuard = numberGuard;
    this.smsHealth = smsHealth;
    this.phoneNumbers = phoneNumbers;
    this.dispatcher = dispatcher;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.meters = meters;
    this.protection = protection;
    for (String event : List.of("started", Verification.APPROVED, Verification.EXPIRED, Verification.FAILED,
        Verification.CANCELED)) {
      meters.counter("kodama.verifications", "event", event);
    }
    for (String outcome : List.of("approved", "wrong", "number_locked", "not_pending")) {
      meters.counter("kodama.checks", "outcome", outcome);
    }
  }

  /**
   * A verification with its attempts, as the API shows it.
   *
   * @param transaction what a {@code transaction} verification confirms; null for other purposes
   */
  public record Snapshot(Verification verification, List<Attempt> attempts, TransactionDetails transaction) {

    public Snapshot(Verification verification, List<Attempt> attempts) {
      this(verification, attempts, null);
    }
  }

  /**
   * Starts a verification and its first delivery. A pending verification for the same number is
   * superseded. With an idempotency key, the same request returns the verification it created.
   */
  public Snapshot start(Tenant tenant, StartCommand command, String idempotencyKey) {
    String fingerprint = ServerSecret.sha256Hex(command.fingerprint());
    if (idempotencyKey != null) {
      Optional<Snapshot> earlier = replay(tenant, idempotencyKey, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    PhoneNumber number = phoneNumbers.parse(command.to(), tenant.region());
    refuseLineType(tenant, number);
    String mode = command.channel() != null ? command.channel() : tenant.setting(TenantSettings.CHANNEL);
    if (!CHANNELS.contains(mode)) {
      throw new ApiException(ProblemType.VALIDATION, "channel must be auto, sms or voice").with("field", "channel");
    }
    Channel first = firstChannel(mode, number);
    String firstReason = null;
    if ("auto".equals(mode) && first == Channel.SMS && dispatcher.supports(Channel.VOICE) && smsHealth.refusesSms(
        tenant.id(), number.e164(), Integer.parseInt(tenant.setting(TenantSettings.SMS_FAILURES_BEFORE_VOICE)))) {
      first = Channel.VOICE;
      firstReason = "sms_failed_before";
    }
    Channel firstChannel = first;
    String firstChannelReason = firstReason;
    int length = command.codeLength() != null ? command.codeLength()
        : Integer.parseInt(tenant.setting(TenantSettings.CODE_LENGTH));
    int ttl = command.ttlSeconds() != null ? command.ttlSeconds()
        : Integer.parseInt(tenant.setting(TenantSettings.TTL_SECONDS));
    String locale = command.locale() != null ? command.locale() : ("JP".equals(number.region()) ? "ja" : "en");
    String purpose = command.purpose() != null ? command.purpose() : "login";
    TransactionDetails transaction = requireTransactionDetails(purpose, command.transaction());
    protection.admit(new SendRequest(tenant, number, firstChannel, purpose, command.externalRef(), command.clientIp(),
        false));

    Instant now = clock.instant();
    String id = Ids.next("vrf", clock);
    String code = vault.generate(length);
    Verification verification = new Verification(id, tenant.id(), number.e164(), number.region(),
        number.lineType().wire(), mode, locale, purpose, command.externalRef(), Verification.PENDING, null, length, 0, 1,
        now, now, now, now.plusSeconds(ttl));
    for (int tries = 1; ; tries++) {
      try {
        Snapshot started = tx.execute(status -> {
          for (VerificationRepository.Stored earlier : repository.pendingFor(tenant.id(), number.e164())) {
            closeInTx(earlier.verification(), Verification.CANCELED, "superseded", now);
          }
          repository.insert(verification, vault.hash(id, code, transaction), vault.seal(id, code), idempotencyKey,
              fingerprint, transaction);
          protection.started(tenant.id(), id, number, now);
          events.publishEvent(new VerificationChanged("verification.created", verification, now));
          Attempt attempt = dispatcher.enqueue(id, tenant.id(), firstChannel, firstChannelReason);
          return new Snapshot(verification, List.of(attempt), transaction);
        });
        meters.counter("kodama.verifications", "event", "started").increment();
        log.info("Verification {} started for {} ({}, {})", id, number.masked(), number.lineType().wire(),
            firstChannel.wire());
        return started;
      } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
        // another start committed meanwhile: one with the same Idempotency-Key, or one for the same
        // number, which this start now supersedes when it tries again
        if (idempotencyKey != null) {
          Optional<Snapshot> replayed = replay(tenant, idempotencyKey, fingerprint);
          if (replayed.isPresent()) {
            return replayed.get();
          }
        }
        if (tries == MAX_START_TRIES) {
          throw raced;
        }
      }
    }
  }

  public Snapshot get(Tenant tenant, String id) {
    VerificationRepository.Stored stored = load(tenant, id);
    Verification verification = expireIfDue(stored.verification());
    return new Snapshot(verification, dispatcher.attempts(id), stored.transaction());
  }

  /** Checks a code of a verification that is not a transaction. */
  public CheckResult check(Tenant tenant, String id, String code) {
    return check(tenant, id, code, null, null, null);
  }

  /**
   * Checks a code. A check slot is taken (per verification and per number) before the comparison,
   * so at most {@link VerificationSettings#maxChecks()} comparisons ever happen per verification.
   * A {@code transaction} verification also needs the amount and payee (the currency defaults to
   * the verification's): they are part of the hashed input, so a different amount or payee is a
   * wrong check that does not say which part differs.
   */
  public CheckResult check(Tenant tenant, String id, String code, String amount, String currency, String payee) {
    VerificationRepository.Stored initial = load(tenant, id);
    Verification verification = expireIfDue(initial.verification());
    TransactionDetails presented = presentedTransaction(initial.transaction(), amount, currency, payee);
    if (!verification.isPending()) {
      return closedResult(verification);
    }
    Instant slotAt = clock.instant();
    // take the next check slot; when a parallel check (or a resend with a new code) changed the row
    // first, read it again and try the next slot. The expiry never changes, so it is checked here
    // rather than in the update: with it there, both databases could plan the update by id as a scan
    // of every pending verification (the (status, expires_at) index)
    VerificationRepository.Stored stored = initial;
    while (!stored.verification().expiresAt().isAfter(slotAt)
        || !repository.takeCheck(id, stored.verification().checksUsed(), stored.codeHash(), settings.maxChecks(), slotAt)) {
      stored = load(tenant, id);
      Verification current = expireIfDue(stored.verification());
      if (!current.isPending() || current.checksUsed() >= settings.maxChecks()) {
        // a pending one had every check used by parallel wrong guesses; the last of them fails it
        return current.isPending() ? new CheckResult(false, current.status(), "too_many_checks", 0)
            : closedResult(current);
      }
      slotAt = clock.instant();
    }
    // the number's slot only after the verification's: parallel guesses at one verification hold at
    // most maxChecks number slots at once, so they cannot lock the number out by racing
    Optional<Duration> locked = numberGuard.take(tenant.id(), verification.to());
    if (locked.isPresent()) {
      repository.giveBackCheck(id);
      meters.counter("kodama.checks", "outcome", "number_locked").increment();
      throw new ApiException(ProblemType.NUMBER_LOCKED,
          "Too many wrong codes for this number; try again later").retryAfter(locked.get());
    }
    Instant now = slotAt;
    Verification checked = stored.verification();
    boolean right = code != null && code.length() == checked.codeLength()
        && vault.matches(id, code, presented, stored.codeHash());
    if (right) {
      numberGuard.giveBack(tenant.id(), verification.to());
      numberGuard.clearLockouts(tenant.id(), verification.to());
      boolean approved = Boolean.TRUE.equals(tx.execute(status -> closeInTx(checked, Verification.APPROVED, null, now)));
      meters.counter("kodama.checks", "outcome", approved ? "approved" : "not_pending").increment();
      if (approved) {
        return new CheckResult(true, Verification.APPROVED, null, null);
      }
      return closedResult(load(tenant, id).verification());
    }
    meters.counter("kodama.checks", "outcome", "wrong").increment();
    int remaining = settings.maxChecks() - (checked.checksUsed() + 1);
    if (remaining <= 0) {
      tx.execute(status -> closeInTx(checked, Verification.FAILED, "too_many_checks", now));
      return new CheckResult(false, Verification.FAILED, "too_many_checks", 0);
    }
    return new CheckResult(false, Verification.PENDING, "wrong_code", remaining);
  }

  /** Sends the code again, over the channel asked for or the one the workflow would pick. */
  public Snapshot resend(Tenant tenant, String id, String channel, boolean newCode) {
    return resend(tenant, id, channel, newCode, null);
  }

  /**
   * Sends the code again, over the channel asked for or the one the workflow would pick.
   *
   * @param clientIp the end user's IP address, for the per-IP rate limit; may be null
   */
  public Snapshot resend(Tenant tenant, String id, String channel, boolean newCode, String clientIp) {
    VerificationRepository.Stored stored = load(tenant, id);
    Verification verification = expireIfDue(stored.verification());
    requirePending(verification);
    if (channel != null && !Set.of("sms", "voice").contains(channel)) {
      throw new ApiException(ProblemType.VALIDATION, "channel must be sms or voice").with("field", "channel");
    }
    if (verification.sends() >= settings.maxSends()) {
      throw new ApiException(ProblemType.SEND_LIMIT_REACHED,
          "This verification was sent " + verification.sends() + " times; start a new one");
    }
    Instant now = clock.instant();
    Duration sinceLast = Duration.between(verification.lastSendAt(), now);
    if (sinceLast.compareTo(settings.resendCooldown()) < 0) {
      throw new ApiException(ProblemType.RESEND_COOLDOWN, "Wait before sending this verification again")
          .retryAfter(settings.resendCooldown().minus(sinceLast));
    }
    PhoneNumber number = new PhoneNumber(verification.to(), verification.country(),
        LineType.valueOf(verification.lineType().toUpperCase()));
    Channel next = channel != null ? Channel.fromWire(channel) : firstChannel(verification.channel(), number);
    requireSupported(next);
    protection.admit(new SendRequest(tenant, number, next, verification.purpose(), verification.externalRef(), clientIp,
        true));
    return tx.execute(status -> {
      String hash = null;
      String sealed = null;
      if (newCode) {
        String code = vault.generate(verification.codeLength());
        hash = vault.hash(id, code, stored.transaction());
        sealed = vault.seal(id, code);
      }
      if (!repository.recordSend(id, settings.maxSends(), verification.lastSendAt(), now, hash, sealed)) {
        Verification changed = load(tenant, id).verification();
        if (changed.isPending() && changed.sends() < settings.maxSends()) { // a parallel resend was first
          throw new ApiException(ProblemType.RESEND_COOLDOWN, "Wait before sending this verification again")
              .retryAfter(settings.resendCooldown());
        }
        if (changed.isPending()) {
          throw new ApiException(ProblemType.SEND_LIMIT_REACHED,
              "This verification was sent " + changed.sends() + " times; start a new one");
        }
        throw new ApiException(ProblemType.NOT_PENDING, "The verification changed meanwhile; read it again");
      }
      dispatcher.enqueue(id, tenant.id(), next, newCode ? "client_resend_new_code" : "client_resend");
      return get(tenant, id);
    });
  }

  public Snapshot cancel(Tenant tenant, String id) {
    Verification verification = expireIfDue(load(tenant, id).verification());
    requirePending(verification);
    Instant now = clock.instant();
    boolean canceled = Boolean.TRUE.equals(tx.execute(status -> closeInTx(verification, Verification.CANCELED, "client", now)));
    if (!canceled) {
      requirePending(load(tenant, id).verification());
    }
    return get(tenant, id);
  }

  /** Marks due verifications expired and announces them; returns how many. */
  public int expireDue(int limit) {
    int expired = 0;
    for (String id : repository.pendingExpiredIds(clock.instant(), limit)) {
      Optional<VerificationRepository.Stored> stored = repository.findById(id);
      if (stored.isPresent() && stored.get().verification().isPending()) {
        Verification v = expireIfDue(stored.get().verification());
        expired += v.isPending() ? 0 : 1;
      }
    }
    return expired;
  }

  /** A verification's unchanging facts, by id alone (for events about it; no tenant check). */
  public Optional<VerificationFacts> facts(String id) {
    return repository.facts(id);
  }

  // ---- used by the delivery job through VerificationDeliveryTargets

  Optional<VerificationRepository.Stored> stored(String id) {
    return repository.findById(id);
  }

  /** The code to deliver, while the verification is pending and unexpired. */
  Optional<String> codeForDelivery(VerificationRepository.Stored stored) {
    Verification v = stored.verification();
    if (!v.isPending() || !v.expiresAt().isAfter(clock.instant()) || stored.codeSealed() == null) {
      return Optional.empty();
    }
    return Optional.of(vault.unseal(v.id(), stored.codeSealed()));
  }

  // ---- internals

  private Optional<Snapshot> replay(Tenant tenant, String key, String fingerprint) {
    return repository.findByIdempotencyKey(tenant.id(), key).map(earlier -> {
      if (!MessageDigest.isEqual(earlier.requestHash().getBytes(StandardCharsets.US_ASCII),
          fingerprint.getBytes(StandardCharsets.US_ASCII))) {
        throw new ApiException(ProblemType.IDEMPOTENCY_CONFLICT,
            "This Idempotency-Key was used for a different request; use a new key for a new request");
      }
      return get(tenant, earlier.verification().id());
    });
  }

  private VerificationRepository.Stored load(Tenant tenant, String id) {
    return repository.find(tenant.id(), id).orElseThrow(() -> ApiException.notFound("verification", id));
  }

  private Verification expireIfDue(Verification verification) {
    Instant now = clock.instant();
    if (verification.isPending() && !verification.expiresAt().isAfter(now)) {
      if (Boolean.TRUE.equals(tx.execute(status -> closeInTx(verification, Verification.EXPIRED, null, now)))) {
        return verification.closed(Verification.EXPIRED, null, now);
      }
      return repository.findById(verification.id()).orElseThrow().verification();
    }
    return verification;
  }

  /** Closes a pending verification and announces it, inside the caller's transaction. */
  private boolean closeInTx(Verification verification, String status, String reason, Instant now) {
    if (!repository.close(verification.id(), status, reason, now)) {
      return false;
    }
    Verification closed = verification.closed(status, reason, now);
    if (Verification.APPROVED.equals(status)) {
      protection.approved(closed.tenantId(), closed.id(), closed.to(), closed.country(), closed.createdAt(),
          closed.purpose(), closed.externalRef());
    }
    events.publishEvent(new VerificationChanged("verification." + status, closed, now));
    meters.counter("kodama.verifications", "event", status).increment();
    log.info("Verification {} {}{}", verification.id(), status, reason == null ? "" : " (" + reason + ")");
    return true;
  }

  private static CheckResult closedResult(Verification verification) {
    String reason = switch (verification.status()) {
      case Verification.APPROVED -> "already_approved";
      case Verification.EXPIRED -> "expired";
      case Verification.CANCELED -> "canceled";
      default -> verification.statusReason() == null ? verification.status() : verification.statusReason();
    };
    return new CheckResult(false, verification.status(), reason, null);
  }

  private static void requirePending(Verification verification) {
    if (!verification.isPending()) {
      throw new ApiException(ProblemType.NOT_PENDING, "The verification is " + verification.status())
          .with("status", verification.status());
    }
  }

  /** A transaction needs amount, currency and payee; other purposes take none of them. */
  private static TransactionDetails requireTransactionDetails(String purpose, TransactionDetails transaction) {
    if ("transaction".equals(purpose) && transaction == null) {
      throw new ApiException(ProblemType.VALIDATION, "purpose transaction needs amount, currency and payee")
          .with("field", "amount");
    }
    if (!"transaction".equals(purpose) && transaction != null) {
      throw new ApiException(ProblemType.VALIDATION, "amount, currency and payee are only for purpose transaction")
          .with("field", "purpose");
    }
    return transaction;
  }

  /** What a check presents of a transaction; the currency defaults to the verification's. */
  private static TransactionDetails presentedTransaction(TransactionDetails stored, String amount, String currency,
      String payee) {
    if (stored == null) {
      if (amount != null || currency != null || payee != null) {
        throw new ApiException(ProblemType.VALIDATION,
            "amount, currency and payee are only checked for purpose transaction").with("field", "amount");
      }
      return null;
    }
    if (amount == null || payee == null) {
      throw new ApiException(ProblemType.VALIDATION,
          "A transaction is checked with the code, the amount and the payee").with("field", amount == null ? "amount" : "payee");
    }
    return TransactionDetails.of(amount, currency != null ? currency : stored.currency(), payee);
  }

  private void refuseLineType(Tenant tenant, PhoneNumber number) {
    List<String> refused = Arrays.stream(tenant.setting(TenantSettings.REFUSED_LINE_TYPES).split(","))
        .map(String::trim).toList();
    if (refused.contains(number.lineType().wire())) {
      throw new ApiException(ProblemType.NUMBER_TYPE_REFUSED,
          "Codes are not sent to " + number.lineType().wire().replace('_', '-') + " numbers")
          .with("lineType", number.lineType().wire());
    }
  }

  private Channel firstChannel(String mode, PhoneNumber number) {
    boolean cannotTakeSms = number.lineType() == LineType.FIXED_LINE || number.lineType() == LineType.VOIP;
    Channel channel = switch (mode) {
      case "sms" -> {
        if (number.lineType() == LineType.FIXED_LINE) {
          throw new ApiException(ProblemType.NUMBER_TYPE_REFUSED,
              "A fixed line cannot receive SMS; use channel voice or auto").with("lineType", "fixed_line");
        }
        yield Channel.SMS;
      }
      case "voice" -> Channel.VOICE;
      default -> cannotTakeSms ? Channel.VOICE : Channel.SMS;
    };
    requireSupported(channel);
    return channel;
  }

  private void requireSupported(Channel channel) {
    if (!dispatcher.supports(channel)) {
      throw new ApiException(ProblemType.CHANNEL_UNAVAILABLE,
          "The " + channel.wire() + " channel is not configured on this server").with("channel", channel.wire());
    }
  }

}
