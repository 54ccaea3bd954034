/** Cross-cutting infrastructure: clock, ids, errors (problem+json), request limits, secrets. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.kodama.system;
