/**
 * The media side of the simulated phone: receives a call's RTP, records what it hears as a WAV
 * file, recognises the digits that were read, and presses keys with RFC 4733 events.
 */
package io.kodama.simulator.phone.media;
