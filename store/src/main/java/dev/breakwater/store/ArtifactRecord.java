package dev.breakwater.store;

import java.time.Instant;

/**
 * A stored artifact's metadata; its content is read separately ({@link Store#artifactContent}).
 *
 * @param kind      {@code sourcemap} or {@code proguard}
 * @param version   the release it belongs to
 * @param name      the minified URL of a source map; a ProGuard mapping's UUID, or its file name
 * @param size      of the content, in bytes
 * @param sha256    of the content, lower-case hex
 * @param createdAt when the upload that is stored now was received
 */
public record ArtifactRecord(
        long id, long projectId, String kind, String version, String name, long size, String sha256,
        Instant createdAt) {}
