package io.kodama.voice.sip;

/** Decides what to do with each incoming INVITE. Must not block. */
@FunctionalInterface
public interface InboundCallHandler {

  void onInvite(InboundCall call);
}
