/** Verifications: start, check, resend, cancel; code generation, hashing, expiry and attempt limits. */
package io.kodama.verification;
