package io.kodama.sms.smpp;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.jsmpp.SMPPConstant;

/** Names of SMPP command_status values ({@code 0x58} → {@code ESME_RTHROTTLED}). */
final class CommandStatus {

  static final int THROTTLED = SMPPConstant.STAT_ESME_RTHROTTLED;
  static final int MESSAGE_QUEUE_FULL = SMPPConstant.STAT_ESME_RMSGQFUL;

  private static final Map<Integer, String> NAMES = names();

  private CommandStatus() {}

  static String name(int status) {
    String name = NAMES.get(status);
    return name != null ? name : String.format("ESME_0x%08X", status);
  }

  static boolean isBackOff(int status) {
    return status == THROTTLED || status == MESSAGE_QUEUE_FULL;
  }

  private static Map<Integer, String> names() {
    Map<Integer, String> out = new HashMap<>();
    for (Field f : SMPPConstant.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == int.class
          && f.getName().startsWith("STAT_ESME_")) {
        try {
          out.putIfAbsent(f.getInt(null), f.getName().substring("STAT_".length()));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + f.getName(), e);
        }
      }
    }
    return Map.copyOf(out);
  }
}
