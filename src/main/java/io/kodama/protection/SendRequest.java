package io.kodama.protection;

import io.kodama.dispatch.Channel;
import io.kodama.phone.PhoneNumber;
import io.kodama.tenant.Tenant;

/**
 * A send a client asked for: the first delivery of a new verification, or a resend.
 *
 * @param channel the channel the send will use
 * @param purpose the verification's purpose ({@code signup} is checked against phone bindings)
 * @param externalRef the client's member reference, may be null
 * @param clientIp the end user's IP address as the client passed it, may be null
 * @param resend whether this is a resend of an existing verification
 */
public record SendRequest(
    Tenant tenant, PhoneNumber number, Channel channel, String purpose, String externalRef, String clientIp,
    boolean resend) {}
