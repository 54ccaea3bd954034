/**
 * The flow of one voice call: answer, optional key gate, the code read n times, "press 1 to
 * repeat", goodbye and hang-up, and the mapping of what happened to attempt statuses.
 */
package io.kodama.voice.call;
