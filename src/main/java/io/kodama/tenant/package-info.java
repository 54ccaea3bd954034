/** Tenants, their settings and API keys; authentication of the API. */
package io.kodama.tenant;
