/**
 * The delivery pipeline: attempts, durable delivery jobs, the {@link io.kodama.dispatch.DeliveryChannel}
 * port that SMS and voice implement.
 */
package io.kodama.dispatch;
