package io.kodama.simulator.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmscSimulatorTest {

  @ParameterizedTest
  @CsvSource({
    "+819012340000, DELIVERED",
    "+819012345901, UNDELIVERABLE",
    "+819012345902, REJECTED",
    "+819012345903, EXPIRED",
    "+819012345904, NO_RECEIPT",
    "+819012345905, THROTTLED_TWICE",
    "+819012345906, THROTTLED",
    "+819012345907, INVALID_DESTINATION",
    "+818012345908, ENROUTE_THEN_DELIVERED",
    "+817012345909, RECEIPT_BEFORE_RESPONSE",
    "+819012345910, HEX_RECEIPT_ID",
  })
  void ruleNumbersAreValidJapaneseMobileNumbers(String number, SimulatedOutcome outcome) throws Exception {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    var parsed = util.parse(number, null);
    assertThat(util.isValidNumber(parsed)).isTrue();
    assertThat(util.getNumberType(parsed)).isEqualTo(PhoneNumberType.MOBILE);
    assertThat(SimulatedOutcome.forNumber(number)).isEqualTo(outcome);
  }

  @Test
  void aRestartedSimulatorDoesNotGiveTheSameIdsAgain() throws Exception {
    Instant start = Instant.parse("2025-04-01T03:00:00Z");
    String first = submitOnce(Clock.fixed(start, ZoneOffset.UTC));
    String afterRestart = submitOnce(Clock.fixed(start.plusSeconds(1), ZoneOffset.UTC));
    assertThat(Long.parseLong(afterRestart)).isGreaterThan(Long.parseLong(first));
  }

  private static String submitOnce(Clock clock) throws Exception {
    try (SmscSimulator sim = new SmscSimulator(SmscSimulatorSettings.forTests(), clock)) {
      sim.start();
      SMPPSession session = new SMPPSession();
      try {
        session.connectAndBind("127.0.0.1", sim.port(), new BindParameter(BindType.BIND_TRX, "kodama",
            "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 3000);
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
            "Kodama", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "819012340000", new ESMClass(),
            (byte) 0, (byte) 0, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT), (byte) 0,
            GeneralDataCoding.DEFAULT, (byte) 0, "1234".getBytes(StandardCharsets.US_ASCII)).getMessageId();
      } finally {
        session.unbindAndClose();
      }
    }
  }

  @Test
  void refusesABindWithTheWrongPassword() throws Exception {
    try (SmscSimulator sim = new SmscSimulator(SmscSimulatorSettings.forTests(), Clock.systemUTC())) {
      sim.start();
      SMPPSession session = new SMPPSession();
      try {
        assertThatThrownBy(() -> session.connectAndBind("127.0.0.1", sim.port(),
                new BindParameter(BindType.BIND_TRX, "kodama", "wrong", "", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), 3000))
            .isInstanceOf(IOException.class);
        assertThat(sim.boundSessions()).isZero();
      } finally {
        session.close();
      }
      SMPPSession good = new SMPPSession();
      try {
        good.connectAndBind("127.0.0.1", sim.port(), new BindParameter(BindType.BIND_TRX, "kodama",
            "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 3000);
        assertThat(good.getSessionState().isBound()).isTrue();
      } finally {
        good.unbindAndClose();
      }
    }
  }

  @Test
  void decodesGsmWithTheExtensionTable() {
    assertThat(SimulatorText.decode(new byte[] {0x00, 0x1B, 0x65, 0x41}, 0)).isEqualTo("@€A");
  }
}
