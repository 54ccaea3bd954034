package io.kodama.tenant;

import java.util.Map;

/** Setting keys known to the core, with their defaults. Channel modules add their own keys. */
public final class TenantSettings {

  public static final String CHANNEL = "verification.channel";
  public static final String CODE_LENGTH = "verification.code-length";
  public static final String TTL_SECONDS = "verification.ttl-seconds";
  public static final String REFUSED_LINE_TYPES = "phone.refused-line-types";
  public static final String RECEIPT_TIMEOUT_SECONDS = "workflow.receipt-timeout-seconds";
  public static final String SMS_FAILURES_BEFORE_VOICE = "workflow.sms-failures-before-voice-first";

  public static final Map<String, String> DEFAULTS = Map.of(
      CHANNEL, "auto",
      CODE_LENGTH, "6",
      TTL_SECONDS, "300",
      REFUSED_LINE_TYPES, "premium_rate,shared_cost,toll_free,m2m",
      RECEIPT_TIMEOUT_SECONDS, "30",
      SMS_FAILURES_BEFORE_VOICE, "2");

  private TenantSettings() {}
}
