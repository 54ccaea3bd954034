/** Parsing and normalising phone numbers (libphonenumber), line types, masking for logs. */
package io.kodama.phone;
