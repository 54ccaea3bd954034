package io.kodama.console;

import java.util.List;

/** More steps for a verification's timeline from another module (webhook deliveries, calls). */
interface TimelineSource {

  List<Timeline.Step> steps(String tenantId, String verificationId);
}
