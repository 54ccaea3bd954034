package io.kodama.verification;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Marks verifications whose time ran out as expired, so clients hear {@code verification.expired}. */
@Configuration(proxyBeanMethods = false)
class ExpiryJob {

  @Bean
  Task<Void> expireVerificationsTask(Verifications verifications, VerificationSettings settings) {
    return Tasks.recurring("expire-verifications", FixedDelay.of(settings.expirySweep()))
        .execute((instance, context) -> {
          while (verifications.expireDue(200) > 0) {
            // keep going while a full batch was expired
          }
        });
  }
}
