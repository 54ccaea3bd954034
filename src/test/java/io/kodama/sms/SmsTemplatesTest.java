package io.kodama.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kodama.dispatch.DeliveryTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsTemplatesTest {

  private static DeliveryTask task(String locale, String brand, Map<String, String> settings) {
    return new DeliveryTask("att_1", "vrf_1", "ten_1", "+819012345678", "482915", locale, brand, 5,
        "login", settings);
  }

  @Test
  void rendersTheJapaneseDefaultWithBrandCodeAndMinutes() {
    assertThat(SmsTemplates.render(task("ja", "Kodama Bank", Map.of())))
        .isEqualTo("【Kodama Bank】認証コード: 482915（5分間有効）。このコードを他人に教えないでください。");
  }

  @Test
  void showsTheAmountAndPayeeOfAPaymentFirst() {
    Map<String, String> transfer = Map.of("transaction.amount", "50000", "transaction.currency", "JPY",
        "transaction.payee", "山田商店");
    assertThat(SmsTemplates.render(task("ja", "Kodama Bank", transfer)))
        .startsWith("お振込み: 50,000円 → 山田商店\n【Kodama Bank】認証コード: 482915");
    assertThat(SmsTemplates.render(task("en", "Kodama Bank", Map.of("transaction.amount", "12.5",
        "transaction.currency", "USD", "transaction.payee", "Acme"))))
        .startsWith("Payment: USD 12.5 to Acme\nKodama Bank: Your verification code is 482915.");
  }

  @Test
  void rendersTheEnglishDefaultForEnglishAndUnknownLocales() {
    String en = SmsTemplates.render(task("en-US", "Kodama Bank", Map.of()));
    assertThat(en).startsWith("Kodama Bank: Your verification code is 482915.").contains("5 minutes");
    assertThat(SmsTemplates.render(task("fr", "Kodama Bank", Map.of()))).isEqualTo(en);
  }

  @Test
  void leavesOutTheBrandBracketsWhenTheTenantHasNoBrand() {
    assertThat(SmsTemplates.render(task("ja", "", Map.of())))
        .startsWith("認証コード: 482915").doesNotContain("【");
  }

  @Test
  void usesTheTenantTemplateForTheLocale() {
    String text = SmsTemplates.render(task("ja", "Shop", Map.of("sms.template.ja", "{brand}のコード {code}")));
    assertThat(text).isEqualTo("Shopのコード 482915");
  }

  @Test
  void fallsBackToTheDefaultWhenAStoredTenantTemplateIsInvalid() {
    String text = SmsTemplates.render(task("ja", "Shop", Map.of("sms.template.ja", "no code here")));
    assertThat(text).contains("482915").contains("認証コード");
  }

  @Test
  void addsTheAppHashAndTheWebOtpLineLast() {
    String text = SmsTemplates.render(task("en", "Shop",
        Map.of("sms.webotp-domain", "https://login.example.com/", "sms.app-hash", "FA+9qCX9VSu")));
    String[] lines = text.split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo("@login.example.com #482915");
    assertThat(lines[lines.length - 2]).isEqualTo("FA+9qCX9VSu");
  }

  @Test
  void refusesATemplateWithoutTheCodePlaceholder() {
    assertThat(SmsTemplates.problems("Your code is ready")).anyMatch(p -> p.contains("{code}"));
    assertThatThrownBy(() -> SmsTemplates.requireValid("Your code is ready"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must contain the placeholder {code}");
  }

  @Test
  void refusesUnknownPlaceholders() {
    assertThat(SmsTemplates.problems("{code} {name}")).singleElement().asString().contains("{name}");
  }

  @Test
  void refusesATemplateTooLongForThreeParts() {
    String longJapanese = "認証".repeat(100) + "{code}";
    assertThat(SmsTemplates.problems(longJapanese)).singleElement().asString()
        .contains("too long").contains("SMS parts");
    assertThat(SmsTemplates.problems("x".repeat(500) + "{code}")).isNotEmpty();
  }

  @Test
  void acceptsTheDefaultTemplates() {
    assertThat(SmsTemplates.problems(SmsTemplates.DEFAULT_JA)).isEmpty();
    assertThat(SmsTemplates.problems(SmsTemplates.DEFAULT_EN)).isEmpty();
  }
}
