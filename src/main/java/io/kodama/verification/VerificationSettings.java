package io.kodama.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of verifications.
 *
 * @param maxChecks wrong checks allowed per verification before it fails
 * @param maxSends deliveries (first send and resends) per verification
 * @param resendCooldown time between two sends of one verification
 * @param numberWrongChecks wrong checks allowed per number across all its verifications in {@code numberWindow}
 * @param numberWindow the window of {@code numberWrongChecks}, and the first lockout of a number that
 *     used them all; each further lockout doubles, up to {@code numberMaxLockout}
 * @param numberMaxLockout the longest lockout; a number whose last lockout ended longer ago than
 *     this starts again from {@code numberWindow}
 * @param expirySweep how often expired verifications are marked and announced
 */
@Validated
@ConfigurationProperties("kodama.verification")
public record VerificationSettings(
    @DefaultValue("5") @Min(1) @Max(20) int maxChecks,
    @DefaultValue("5") @Min(1) @Max(20) int maxSends,
    @DefaultValue("30s") @NotNull Duration resendCooldown,
    @DefaultValue("15") @Min(1) int numberWrongChecks,
    @DefaultValue("1h") @NotNull Duration numberWindow,
    @DefaultValue("24h") @NotNull Duration numberMaxLockout,
    @DefaultValue("10s") @NotNull Duration expirySweep) {}
