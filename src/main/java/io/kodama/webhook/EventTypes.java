package io.kodama.webhook;

import io.kodama.dispatch.Channel;
import java.util.List;
import java.util.Set;

/** The event catalogue: every type a webhook endpoint can subscribe to. */
public final class EventTypes {

  public static final String VERIFICATION_CREATED = "verification.created";
  public static final String VERIFICATION_APPROVED = "verification.approved";
  public static final String VERIFICATION_EXPIRED = "verification.expired";
  public static final String VERIFICATION_FAILED = "verification.failed";
  public static final String VERIFICATION_CANCELED = "verification.canceled";
  public static final String SMS_SUBMITTED = "sms.submitted";
  public static final String SMS_DELIVERED = "sms.delivered";
  public static final String SMS_FAILED = "sms.failed";
  public static final String VOICE_CALLING = "voice.calling";
  public static final String VOICE_ANSWERED = "voice.answered";
  public static final String VOICE_COMPLETED = "voice.completed";
  public static final String VOICE_FAILED = "voice.failed";
  public static final String FALLBACK_STARTED = "fallback.started";
  public static final String PROTECTION_BLOCKED = "protection.blocked";
  public static final String NUMBER_UNREACHABLE = "number.unreachable";
  public static final String NUMBER_REACHABLE = "number.reachable";
  /** Sent only by "send a test event" to the one endpoint asked for. */
  public static final String WEBHOOK_TEST = "webhook.test";

  /** Every type, in the order of the documentation. */
  public static final List<String> ALL = List.of(
      VERIFICATION_CREATED, SMS_SUBMITTED, SMS_DELIVERED, SMS_FAILED, VOICE_CALLING, VOICE_ANSWERED,
      VOICE_COMPLETED, VOICE_FAILED, FALLBACK_STARTED, VERIFICATION_APPROVED, VERIFICATION_EXPIRED,
      VERIFICATION_FAILED, VERIFICATION_CANCELED, PROTECTION_BLOCKED, NUMBER_UNREACHABLE, NUMBER_REACHABLE,
      WEBHOOK_TEST);

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  private EventTypes() {}

  public static boolean isKnown(String type) {
    return KNOWN.contains(type);
  }

  /**
   * The event type of an attempt change, or null when it is not announced. A queued attempt is not
   * announced, except a queued voice attempt whose reason starts with {@code sms_} (such as {@code
   * sms_undelivered} or {@code sms_no_receipt}): that is the automatic fallback from SMS to voice,
   * {@code fallback.started}. Every final voice status other than {@code completed} is {@code
   * voice.failed}; the payload keeps the status itself.
   */
  public static String forAttempt(Channel channel, String status, String reason) {
    if ("queued".equals(status)) {
      boolean fallback = channel == Channel.VOICE && reason != null && reason.startsWith("sms_");
      return fallback ? FALLBACK_STARTED : null;
    }
    return switch (channel) {
      case SMS -> switch (status) {
        case "submitted" -> SMS_SUBMITTED;
        case "delivered" -> SMS_DELIVERED;
        case "undelivered", "failed" -> SMS_FAILED;
        default -> null;
      };
      case VOICE -> switch (status) {
        case "calling" -> VOICE_CALLING;
        case "answered" -> VOICE_ANSWERED;
        case "completed" -> VOICE_COMPLETED;
        default -> VOICE_FAILED;
      };
    };
  }
}
