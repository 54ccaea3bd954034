package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An AttemptUpdates that remembers every call, for assertions. */
final class RecordingAttemptUpdates implements AttemptUpdates {

  record Update(String attemptId, String status, String reason, Map<String, Object> detail) {}

  private final List<Update> updates = new CopyOnWriteArrayList<>();

  @Override
  public void record(String attemptId, String status, String reason, Map<String, Object> detail) {
    updates.add(new Update(attemptId, status, reason, Map.copyOf(detail)));
  }

  List<Update> of(String attemptId) {
    return updates.stream().filter(u -> u.attemptId().equals(attemptId)).toList();
  }

  List<String> statusesOf(String attemptId) {
    return of(attemptId).stream().map(Update::status).toList();
  }

  Update last(String attemptId) {
    List<Update> list = of(attemptId);
    return list.isEmpty() ? null : list.get(list.size() - 1);
  }

  List<Update> all() {
    return List.copyOf(updates);
  }
}
