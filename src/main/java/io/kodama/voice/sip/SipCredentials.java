package io.kodama.voice.sip;

/** Digest credentials: for answering 401/407 challenges, or for demanding them. */
public record SipCredentials(String username, String password) {

  @Override
  public String toString() {
    return "SipCredentials[username=" + username + ", password=***]";
  }
}
