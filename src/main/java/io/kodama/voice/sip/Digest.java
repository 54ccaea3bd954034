package io.kodama.voice.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** HTTP digest authentication for SIP (RFC 2617 / RFC 3261 §22), MD5 with or without qop=auth. */
final class Digest {

  private Digest() {}

  /** Parses the parameters of a {@code Digest k="v", k2=v2} header value; keys in lower case. */
  static Map<String, String> params(String headerValue) {
    String v = headerValue.trim();
    if (v.regionMatches(true, 0, "Digest", 0, 6)) {
      v = v.substring(6);
    }
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (i < v.length()) {
      while (i < v.length() && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
        i++;
      }
      int eq = v.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < v.length() && v.charAt(i) == '"') {
        int end = v.indexOf('"', i + 1);
        if (end < 0) {
          end = v.length();
        }
        value = v.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = v.indexOf(',', i);
        if (end < 0) {
          end = v.length();
        }
        value = v.substring(i, end).trim();
        i = end;
      }
      out.put(key, value);
    }
    return out;
  }

  /** The value of an Authorization / Proxy-Authorization header answering a challenge. */
  static String authorization(
      Map<String, String> challenge, SipCredentials credentials, String method, String uri) {
    String realm = challenge.getOrDefault("realm", "");
    String nonce = challenge.getOrDefault("nonce", "");
    String qop = challenge.get("qop");
    boolean auth = qop != null && containsToken(qop, "auth");
    String cnonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    String nc = "00000001";
    String response =
        response(credentials, realm, nonce, method, uri, auth ? "auth" : null, nc, cnonce);
    StringBuilder h = new StringBuilder("Digest ");
    h.append("username=\"").append(credentials.username()).append('"');
    h.append(",realm=\"").append(realm).append('"');
    h.append(",nonce=\"").append(nonce).append('"');
    h.append(",uri=\"").append(uri).append('"');
    h.append(",response=\"").append(response).append('"');
    h.append(",algorithm=MD5");
    if (challenge.containsKey("opaque")) {
      h.append(",opaque=\"").append(challenge.get("opaque")).append('"');
    }
    if (auth) {
      h.append(",qop=auth,nc=").append(nc).append(",cnonce=\"").append(cnonce).append('"');
    }
    return h.toString();
  }

  /** Checks an Authorization header value against the expected credentials. */
  static boolean verify(
      Map<String, String> authorization, SipCredentials expected, String realm, String method) {
    if (!expected.username().equals(authorization.get("username"))
        || !realm.equals(authorization.get("realm"))) {
      return false;
    }
    String qop = authorization.get("qop");
    String computed =
        response(
            expected,
            realm,
            authorization.getOrDefault("nonce", ""),
            method,
            authorization.getOrDefault("uri", ""),
            qop,
            authorization.getOrDefault("nc", ""),
            authorization.getOrDefault("cnonce", ""));
    return MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.US_ASCII),
        authorization.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII));
  }

  static String response(
      SipCredentials c,
      String realm,
      String nonce,
      String method,
      String uri,
      String qop,
      String nc,
      String cnonce) {
    String ha1 = md5(c.username() + ":" + realm + ":" + c.password());
    String ha2 = md5(method + ":" + uri);
    if (qop == null || qop.isEmpty()) {
      return md5(ha1 + ":" + nonce + ":" + ha2);
    }
    return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  private static boolean containsToken(String list, String token) {
    for (String t : list.split(",")) {
      if (t.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  static String md5(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
