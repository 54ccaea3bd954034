package io.kodama.dispatch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.kodama.system.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Starts deliveries: each is an attempt row plus a durable job, written in the caller's transaction. */
@Service
public class Dispatcher {

  private final AttemptRepository attempts;
  private final SchedulerClient scheduler;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<DeliveryChannel> channelProvider;
  private final Clock clock;
  private volatile Map<Channel, DeliveryChannel> channels;

  Dispatcher(AttemptRepository attempts, @Lazy SchedulerClient scheduler,
      ApplicationEventPublisher events, ObjectProvider<DeliveryChannel> channelProvider, Clock clock) {
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.events = events;
    this.channelProvider = channelProvider;
    this.clock = clock;
  }

  /**
   * Creates a queued attempt and the job that will deliver it. Must run inside the transaction that
   * changes the verification, so both commit or neither does.
   *
   * @param reason why this attempt exists, e.g. {@code sms_undelivered} for a fallback call; null
   *     for the first attempt
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Attempt enqueue(String verificationId, String tenantId, Channel channel, String reason) {
    Instant now = clock.instant();
    Attempt attempt = new Attempt(Ids.next("att", clock), verificationId, channel, AttemptStatuses.QUEUED, reason,
        Map.of(), now, now);
    attempts.insert(attempt, tenantId);
    // a batch of one is a plain insert; scheduleIfNotExists would first look for a job of this new id
    TaskInstance<String> job = new TaskInstance<>(DeliveryJob.TASK_NAME, attempt.id(), attempt.id());
    scheduler.scheduleBatch(List.<TaskInstance<?>>of(job), now);
    events.publishEvent(new AttemptChanged(attempt.id(), verificationId, tenantId, channel, attempt.status(), reason,
        Map.of(), now));
    return attempt;
  }

  public List<Attempt> attempts(String verificationId) {
    return attempts.forVerification(verificationId);
  }

  /** Whether a channel is configured on this node. */
  public boolean supports(Channel channel) {
    return channel(channel).isPresent();
  }

  Optional<DeliveryChannel> channel(Channel channel) {
    Map<Channel, DeliveryChannel> known = channels;
    if (known == null) {
      known = new EnumMap<>(Channel.class);
      // ordered: the first bean for a channel wins (tests put their channel first)
      for (DeliveryChannel candidate : channelProvider.orderedStream().toList()) {
        known.putIfAbsent(candidate.channel(), candidate);
      }
      channels = known;
    }
    return Optional.ofNullable(known.get(channel));
  }
}
