package io.kodama.verification;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.kodama.dispatch.Attempt;
import io.kodama.dispatch.AttemptChanged;
import io.kodama.dispatch.AttemptStatuses;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.Dispatcher;
import io.kodama.phone.MaskedNumber;
import io.kodama.protection.Protection;
import io.kodama.tenant.TenantSettings;
import io.kodama.tenant.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code auto} workflow: an SMS whose receipt says it failed, or that has no receipt in time,
 * turns into a voice call with the same code. Runs inside the transaction that recorded the SMS
 * outcome, so the call's attempt and job commit with it; a verification that is no longer pending
 * gets no call.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryWorkflow {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorkflow.class);
  static final String RECEIPT_TIMEOUT_TASK = "sms-receipt-timeout";
  /** The SMS statuses the workflow acts on. */
  private static final Set<String> WATCHED = Set.of(AttemptStatuses.QUEUED, "delivered", "undelivered", "failed");

  private final VerificationRepository repository;
  private final Dispatcher dispatcher;
  private final SmsHealth smsHealth;
  private final Tenants tenants;
  private final SchedulerClient scheduler;
  private final Clock clock;
  private final Protection protection;
  private final JdbcTemplate jdbc;

  DeliveryWorkflow(VerificationRepository repository, @Lazy Dispatcher dispatcher, SmsHealth smsHealth,
      Tenants tenants, @Lazy SchedulerClient scheduler, Clock clock, Protection protection, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.dispatcher = dispatcher;
    this.smsHealth = smsHealth;
    this.tenants = tenants;
    this.scheduler = scheduler;
    this.clock = clock;
    this.protection = protection;
  }

  @Bean
  Task<String> smsReceiptTimeoutTask(@Lazy DeliveryWorkflow workflow, TransactionTemplate tx) {
    return Tasks.oneTime(RECEIPT_TIMEOUT_TASK, String.class)
        .execute((instance, context) -> tx.executeWithoutResult(status -> workflow.receiptTimedOut(instance.getData())));
  }

  @EventListener
  void on(AttemptChanged event) {
    if (event.channel() != Channel.SMS || !WATCHED.contains(event.status())) {
      return; // e.g. submitted: nothing to do, so no read of the verification
    }
    String id = event.verificationId();
    switch (event.status()) {
      case AttemptStatuses.QUEUED ->
          repository.facts(id).ifPresent(v -> scheduleReceiptTimeout(v, event.attemptId()));
      case "delivered" -> repository.facts(id).ifPresent(v -> {
        forgetReceiptTimeout(v, event.attemptId());
        smsHealth.delivered(v.tenantId(), v.to());
      });
      default -> repository.findById(id).map(VerificationRepository.Stored::verification).ifPresent(verification -> {
        forgetReceiptTimeout(VerificationFacts.of(verification), event.attemptId());
        if ("verification_closed".equals(event.reason())) {
          return;
        }
        if (!"channel_unavailable".equals(event.reason())) {
          smsHealth.failed(verification.tenantId(), verification.to());
        }
        fallBackToVoice(verification, event.attemptId(),
            "undelivered".equals(event.status()) ? "sms_undelivered" : "sms_failed");
      });
    }
  }

  /** @param data {@code <sms attempt id>|<verification id>} */
  void receiptTimedOut(String data) {
    String smsAttempt = data.substring(0, data.indexOf('|'));
    String verificationId = data.substring(data.indexOf('|') + 1);
    repository.findById(verificationId).map(VerificationRepository.Stored::verification).ifPresent(v -> {
      boolean stillWaiting = dispatcher.attempts(verificationId).stream()
          .anyMatch(a -> a.id().equals(smsAttempt) && !a.isFinal());
      if (stillWaiting) {
        fallBackToVoice(v, smsAttempt, "sms_no_receipt");
      }
    });
  }

  private void scheduleReceiptTimeout(VerificationFacts verification, String attemptId) {
    if (!"auto".equals(verification.channel())) {
      return;
    }
    int seconds = Integer.parseInt(tenants.get(verification.tenantId()).setting(TenantSettings.RECEIPT_TIMEOUT_SECONDS));
    // the attempt was just queued, so its timer is new: a plain insert (a batch of one)
    TaskInstance<String> timer = new TaskInstance<>(RECEIPT_TIMEOUT_TASK, attemptId, attemptId + "|" + verification.id());
    scheduler.scheduleBatch(List.<TaskInstance<?>>of(timer), clock.instant().plusSeconds(seconds));
  }

  /**
   * The SMS has its outcome: its receipt timer has nothing left to do. Deleted directly (one
   * statement that finds nothing when there is no timer), unless a scheduler thread already picked
   * it, in which case it runs, sees the outcome and stops.
   */
  private void forgetReceiptTimeout(VerificationFacts verification, String attemptId) {
    if ("auto".equals(verification.channel())) {
      jdbc.update("delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false",
          RECEIPT_TIMEOUT_TASK, attemptId);
    }
  }

  /** Calls once per failed SMS: a late receipt after a timeout fallback does not call again. */
  private void fallBackToVoice(Verification verification, String smsAttemptId, String reason) {
    if (!"auto".equals(verification.channel()) || !verification.isPending()
        || !verification.expiresAt().isAfter(clock.instant()) || !dispatcher.supports(Channel.VOICE)) {
      return;
    }
    List<Attempt> attempts = dispatcher.attempts(verification.id());
    Optional<Attempt> sms = attempts.stream().filter(a -> a.id().equals(smsAttemptId)).findFirst();
    boolean alreadyCalled = sms.isEmpty() || attempts.stream()
        .anyMatch(a -> a.channel() == Channel.VOICE && !a.createdAt().isBefore(sms.get().createdAt()));
    if (alreadyCalled) {
      return;
    }
    if (!protection.mayDeliver(verification.tenantId(), verification.to(), verification.country(), Channel.VOICE)) {
      log.info("Verification {} does not fall back to voice for {}: refused by protection", verification.id(),
          MaskedNumber.of(verification.to()));
      return;
    }
    dispatcher.enqueue(verification.id(), verification.tenantId(), Channel.VOICE, reason);
    log.info("Verification {} falls back to voice for {} ({})", verification.id(), MaskedNumber.of(verification.to()),
        reason);
  }
}
