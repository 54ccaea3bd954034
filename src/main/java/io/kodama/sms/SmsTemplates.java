package io.kodama.sms;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.sms.smpp.SmsEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS texts: a template per locale with {@code {brand}}, {@code {code}} and {@code {minutes}},
 * which a tenant may override with the settings {@code sms.template.ja} / {@code
 * sms.template.en}; then the optional lines for automatic code fill on phones (Android SMS
 * Retriever app hash, {@code sms.app-hash}; WebOTP {@code @domain #code}, {@code
 * sms.webotp-domain}).
 */
public final class SmsTemplates {

  /** The most SMS parts a rendered template may take. */
  public static final int MAX_SEGMENTS = 3;
  /** The longest template accepted, in characters. */
  public static final int MAX_TEMPLATE_LENGTH = 400;

  public static final String DEFAULT_JA =
      "【{brand}】認証コード: {code}（{minutes}分間有効）。このコードを他人に教えないでください。";
  public static final String DEFAULT_EN =
      "{brand}: Your verification code is {code}. It is valid for {minutes} minutes."
          + " Do not share this code with anyone.";

  private static final Map<String, String> DEFAULTS = Map.of("ja", DEFAULT_JA, "en", DEFAULT_EN);
  private static final Set<String> PLACEHOLDERS = Set.of("brand", "code", "minutes");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final String WORST_CODE = "0123456789";
  private static final String WORST_BRAND = "Kodama Example Brand";

  private SmsTemplates() {}

  /**
   * What is wrong with a tenant's template, in words a tenant can act on; empty when it is fine.
   * A template must contain {@code {code}}, use only {@code {brand}}, {@code {code}} and {@code
   * {minutes}}, and fit in {@value #MAX_SEGMENTS} SMS parts with a 10-digit code and the
   * automatic-fill lines.
   */
  public static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    if (template == null || template.isBlank()) {
      problems.add("the SMS template is empty");
      return problems;
    }
    if (!template.contains("{code}")) {
      problems.add("the SMS template must contain the placeholder {code}");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        problems.add(
            "unknown placeholder {" + m.group(1) + "} in the SMS template; use {brand}, {code},"
                + " {minutes}");
      }
    }
    if (template.length() > MAX_TEMPLATE_LENGTH) {
      problems.add(
          "the SMS template is too long: " + template.length() + " characters, at most "
              + MAX_TEMPLATE_LENGTH);
    } else {
      String worst =
          withAutofill(fill(template, WORST_BRAND, WORST_CODE, 10), "FA+9qCX9VSu", "example.com", WORST_CODE);
      int segments = SmsEncoding.segmentsOf(worst);
      if (segments > MAX_SEGMENTS) {
        problems.add(
            "the SMS template is too long: with a 10-digit code it takes " + segments
                + " SMS parts, at most " + MAX_SEGMENTS + " ("
                + (SmsEncoding.fitsGsm7(worst) ? "153" : "67")
                + " characters each)");
      }
    }
    return problems;
  }

  /**
   * What a template looks like on a phone, for previews: the text with a sample code, how many SMS
   * parts it takes and in which alphabet, and what is wrong with the template.
   *
   * @param encoding {@code GSM-7} or {@code UCS-2}
   */
  public record Preview(String text, int segments, int characters, String encoding, List<String> problems) {

    public Preview {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Renders a template (or the default for the locale when blank) with a sample code of {@code
   * codeLength} digits, as {@link #render} would, with the tenant's autofill lines.
   */
  public static Preview preview(String template, String locale, String brand, int codeLength, int minutes,
      String appHash, String webOtpDomain) {
    String language = language(locale);
    String chosen = template == null || template.isBlank() ? DEFAULTS.getOrDefault(language, DEFAULT_EN) : template;
    String code = "1234567890".repeat(2).substring(0, Math.max(1, Math.min(10, codeLength)));
    String text = withAutofill(fill(chosen, brand, code, minutes), appHash, webOtpDomain, code);
    return new Preview(text, SmsEncoding.segmentsOf(text), text.length(),
        SmsEncoding.fitsGsm7(text) ? "GSM-7" : "UCS-2", problems(chosen));
  }

  /** The default template of a locale ({@code ja} or {@code en}). */
  public static String defaultTemplate(String locale) {
    return DEFAULTS.getOrDefault(language(locale), DEFAULT_EN);
  }

  /**
   * Refuses a template that {@link #problems} finds fault with.
   *
   * @throws IllegalArgumentException naming every problem
   */
  public static void requireValid(String template) {
    List<String> problems = problems(template);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The text for a delivery: the tenant's or default template, then the autofill lines. */
  static String render(DeliveryTask task) {
    String language = language(task.locale());
    String template = task.settings().get("sms.template." + language);
    if (template == null || !problems(template).isEmpty()) {
      template = DEFAULTS.getOrDefault(language, DEFAULT_EN);
    }
    String text = transactionLine(task, language) + fill(template, task.brand(), task.code(), task.validityMinutes());
    return withAutofill(
        text, task.settings().get("sms.app-hash"), task.settings().get("sms.webotp-domain"), task.code());
  }

  /**
   * For a payment ({@code purpose: transaction}), the amount and payee the code confirms, on the
   * first line, so the customer sees what they approve: {@code お振込み: 50,000円 → 山田商店}.
   */
  static String transactionLine(DeliveryTask task, String language) {
    Optional<DeliveryTask.Payment> transaction = task.payment();
    if (transaction.isEmpty()) {
      return "";
    }
    DeliveryTask.Payment payment = transaction.get();
    String currency = payment.currency();
    String payee = payment.payee();
    String grouped = new java.text.DecimalFormat("#,##0.####",
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(new java.math.BigDecimal(payment.amount()));
    if ("ja".equals(language)) {
      return "お振込み: " + ("JPY".equals(currency) ? grouped + "円" : grouped + " " + currency) + " → " + payee + "\n";
    }
    return "Payment: " + currency + " " + grouped + " to " + payee + "\n";
  }

  static String language(String locale) {
    if (locale == null || locale.isBlank()) {
      return "ja";
    }
    String lang = locale.trim().toLowerCase(Locale.ROOT);
    int cut = lang.indexOf('-') >= 0 ? lang.indexOf('-') : lang.indexOf('_');
    lang = cut > 0 ? lang.substring(0, cut) : lang;
    return DEFAULTS.containsKey(lang) ? lang : "en";
  }

  static String fill(String template, String brand, String code, int minutes) {
    String t = template;
    if (brand == null || brand.isBlank()) {
      t = t.replace("【{brand}】", "").replace("[{brand}] ", "").replace("{brand}: ", "");
      brand = "";
    }
    return t.replace("{brand}", brand.strip())
        .replace("{minutes}", Integer.toString(minutes))
        .replace("{code}", code)
        .strip();
  }

  static String withAutofill(String text, String appHash, String webOtpDomain, String code) {
    StringBuilder out = new StringBuilder(text);
    boolean hash = appHash != null && !appHash.isBlank();
    String domain = domain(webOtpDomain);
    if (hash || domain != null) {
      out.append("\n");
    }
    if (hash) {
      out.append("\n").append(appHash.strip());
    }
    if (domain != null) {
      out.append("\n@").append(domain).append(" #").append(code);
    }
    return out.toString();
  }

  private static String domain(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String d = value.strip().toLowerCase(Locale.ROOT);
    d = d.replaceFirst("^https?://", "");
    int slash = d.indexOf('/');
    return slash >= 0 ? d.substring(0, slash) : d;
  }
}
