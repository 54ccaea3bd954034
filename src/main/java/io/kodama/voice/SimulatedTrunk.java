package io.kodama.voice;

/**
 * A SIP trunk inside the application — the simulated phone — that calls go to when {@code
 * kodama.voice.trunk.host} is unset. Provided as a bean by the simulator when {@code
 * kodama.simulators.enabled=true}.
 */
@FunctionalInterface
public interface SimulatedTrunk {

  /** {@code host:port} of the simulated phone's SIP listener (UDP and TCP). */
  String address();
}
