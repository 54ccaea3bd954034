package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.simulator.phone.PhoneBehaviour;
import io.kodama.simulator.phone.PhoneSettings;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.voice.prompts.BrandSynthesizer;
import io.kodama.voice.prompts.ClipPromptLibrary;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A call for a payment (purpose {@code transaction}) reads what the SMS shows above the code. */
class TransactionCallTest {

  @Test
  void callForAPaymentSaysItsAmountAndPayeeFromTheDeliverySettings() {
    List<String> spoken = new CopyOnWriteArrayList<>();
    BrandSynthesizer synthesizer = (language, text) -> {
      spoken.add(language.tag() + ": " + text);
      return Optional.of(new short[800]);
    };
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    String busy = PhoneBehaviour.landline(PhoneBehaviour.Kind.BUSY, 0, '0', 9);
    try (SimulatedPhone phone =
            new SimulatedPhone(PhoneSettings.forTests(), ClipPromptLibrary.builtIn(), Clock.systemUTC());
        VoiceRig kodama = new VoiceRig(phone.address(), "udp", null, VoiceRig.fastTimings(), () -> 7,
            updates, 5, synthesizer)) {
      kodama.channel.deliver(new DeliveryTask("att_tx_1", "vrf_1", "ten_1", busy, "482915", "ja",
          "Kodama", 5, "transaction", Map.of("transaction.amount", "50000",
              "transaction.currency", "JPY", "transaction.payee", "ACME Shop")));

      assertThat(updates.awaitFinal("att_tx_1", Duration.ofSeconds(30)).status()).isEqualTo("busy");
    }
    assertThat(spoken).containsExactly(
        "ja: Kodama", "en: Kodama",
        "ja: おふりこみ ごまんえん、 ふりこみさき ACME Shop",
        "en: A payment of 50,000 Japanese Yen to ACME Shop");
  }
}
