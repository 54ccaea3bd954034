/**
 * The SMSC simulator. Its handset inboxes are read by the console's demo phone page, hence the
 * named interface.
 */
@org.springframework.modulith.NamedInterface("smsc")
package io.kodama.simulator.smsc;
