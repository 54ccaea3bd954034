package io.kodama.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a program Kodama did not write (sipp, espeak-ng, the npm smpp server). On a
 * developer machine without it they are skipped; in CI ({@code CI} set, as {@code .ci/run} does)
 * a missing peer fails the test, so a broken install cannot pass as a skip.
 */
public final class Peers {

  private Peers() {}

  public static void require(boolean installed, String howToInstall) {
    if (System.getenv("CI") != null) {
      assertTrue(installed, "CI must provide this peer: " + howToInstall);
    } else {
      assumeTrue(installed, howToInstall);
    }
  }
}
