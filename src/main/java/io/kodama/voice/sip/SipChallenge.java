package io.kodama.voice.sip;

/**
 * An endpoint that demands digest authentication of incoming INVITEs.
 *
 * @param realm the realm sent in the challenge
 * @param credentials the only accepted username and password
 * @param proxy true to challenge with 407 Proxy-Authenticate, false with 401 WWW-Authenticate
 */
public record SipChallenge(String realm, SipCredentials credentials, boolean proxy) {}
