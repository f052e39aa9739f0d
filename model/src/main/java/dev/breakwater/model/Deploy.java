package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A deploy announced through Rollbar's {@code POST /api/1/deploy}: which revision went to which environment, by
 * whom. Invariant: {@code environment} and {@code revision} are non-blank.
 *
 * @param user    {@code rollbar_username} (or its newer spelling {@code rollbar_name}), else {@code local_username}
 * @param status  as sent, e.g. {@code succeeded}; Rollbar's other values are not pinned down, so it is not checked
 */
public record Deploy(
        String environment, String revision, Optional<String> user, Optional<String> comment,
        Optional<String> status) {
    public Deploy {
        requireNonNull(environment, "environment is null");
        requireNonNull(revision, "revision is null");
        requireNonNull(user, "user is null");
        requireNonNull(comment, "comment is null");
        requireNonNull(status, "status is null");
    }

    /**
     * Reads the deploy's JSON body {@code {"environment", "revision" (or "head_long"), "rollbar_username"?,
     * "local_username"?, "comment"?, "status"?}}; {@code access_token} and unknown fields are ignored.
     *
     * @throws DecodeException when the body is not a JSON object, or lacks environment or revision
     */
    public static Deploy decode(byte[] body) throws DecodeException {
        requireNonNull(body, "body is null");
        try {
            ObjectNode deploy = Json.parseObject(body, 0, body.length, "body");
            Where w = Where.ROOT;
            String environment = Json.nonBlankText(deploy, "environment", w);
            if (environment == null) {
                throw new DecodeException("environment is missing");
            }
            String revision = Json.nonBlankText(deploy, "revision", w);
            if (revision == null) {
                revision = Json.nonBlankText(deploy, "head_long", w);
            }
            if (revision == null) {
                throw new DecodeException("revision is missing");
            }
            String user = Json.nonBlankText(deploy, "rollbar_username", w);
            if (user == null) {
                user = Json.nonBlankText(deploy, "rollbar_name", w);
            }
            if (user == null) {
                user = Json.nonBlankText(deploy, "local_username", w);
            }
            return new Deploy(environment.strip(), revision.strip(), Optional.ofNullable(user),
                    Optional.ofNullable(Json.nonBlankText(deploy, "comment", w)),
                    Optional.ofNullable(Json.nonBlankText(deploy, "status", w)));
        } catch (DecodeException e) {
            throw new DecodeException("deploy: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DecodeException("deploy: could not be decoded: " + e, e);
        }
    }
}
