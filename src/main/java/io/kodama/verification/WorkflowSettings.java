package io.kodama.verification;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delivery workflow.
 *
 * @param smsFailureMemory how long failed SMS to a number are remembered to call it directly
 */
@Validated
@ConfigurationProperties("kodama.workflow")
public record WorkflowSettings(@DefaultValue("7d") @NotNull Duration smsFailureMemory) {}
