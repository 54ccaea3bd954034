/**
 * SIP signalling on JAIN-SIP RI: the only package that imports {@code javax.sip} and {@code
 * gov.nist}. {@link io.kodama.voice.sip.SipEndpoint} places calls (INVITE with an SDP offer of
 * PCMU, PCMA and telephone-event, digest authentication, ring timeout and CANCEL, ACK, BYE) and,
 * for the simulated phone, answers them. Vendor types and checked exceptions do not leave it.
 *
 * <p>Exposed as a named interface so that the simulated phone can be a real SIP user agent.
 */
@org.springframework.modulith.NamedInterface("sip")
package io.kodama.voice.sip;
