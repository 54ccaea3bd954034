package io.kodama.verification;

/**
 * The answer to a check.
 *
 * @param valid whether the code was right
 * @param status the verification's status after the check
 * @param reason why it was not valid: {@code wrong_code}, {@code expired}, {@code already_approved},
 *     {@code canceled}, {@code too_many_checks}; null when valid
 * @param attemptsRemaining checks left, when still pending
 */
public record CheckResult(boolean valid, String status, String reason, Integer attemptsRemaining) {}
