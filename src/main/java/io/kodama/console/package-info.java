/**
 * The operator console at {@code /console}: dashboard, verifications with their timelines, tenants,
 * API keys and settings, and the demo phone. Server-rendered (Thymeleaf), Japanese and English,
 * protected by a form sign-in of its own; the APIs keep their own authentication.
 */
package io.kodama.console;
