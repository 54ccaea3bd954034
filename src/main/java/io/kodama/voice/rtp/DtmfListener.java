package io.kodama.voice.rtp;

/** Told once per key press received from the remote party. */
@FunctionalInterface
public interface DtmfListener {

  /**
   * A key was pressed.
   *
   * @param digit '0'–'9', '*', '#' or 'A'–'D'
   */
  void onDtmf(char digit);
}
