package dev.breakwater.web.api;

import io.helidon.webserver.http.ServerRequest;

/**
 * One read-API operation, for an authenticated caller. Failures are thrown, never written: {@link ApiErrors} turns
 * them into the answer.
 */
@FunctionalInterface
interface Endpoint {
    Reply handle(Caller caller, ServerRequest req) throws Exception;
}
