package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** An AttemptUpdates that remembers every call, for assertions. */
final class RecordingAttemptUpdates implements AttemptUpdates {

  record Update(String attemptId, String status, String reason, Map<String, Object> detail) {}

  private final List<Update> updates = new CopyOnWriteArrayList<>();
  private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

  /** The next update of the attempt to this status fails as if the database could not be reached. */
  void failOnce(String attemptId, String status) {
    failOnce.add(attemptId + " " + status);
  }

  @Override
  public void record(String attemptId, String status, String reason, Map<String, Object> detail) {
    if (failOnce.remove(attemptId + " " + status)) {
      throw new CannotGetJdbcConnectionException("Connection is not available (test)");
    }
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
