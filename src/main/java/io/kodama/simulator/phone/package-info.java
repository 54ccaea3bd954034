/**
 * The simulated phone: a SIP user agent on loopback that answers Kodama's calls and behaves by
 * the number dialled (see {@code docs/simulator-voice.md}); it records each call and recognises
 * the digits read. {@link io.kodama.simulator.phone.SimulatedPhone#calls(String)} is its API, read
 * by the console's demo phone page (hence the named interface).
 */
@org.springframework.modulith.NamedInterface("phone")
package io.kodama.simulator.phone;
