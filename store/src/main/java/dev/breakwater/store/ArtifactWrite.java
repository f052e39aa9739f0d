package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An uploaded artifact for {@link Store#apply}: a source map ({@code sourcemap}, named by its minified URL) or a
 * ProGuard mapping ({@code proguard}, named by its UUID or file name) of one release. Replaces a stored artifact with
 * the same project, kind, version and name unless that one came from a later record; {@code sourceNode} and
 * {@code sourceSeq} name the spool record it came from, so applying it again changes nothing.
 *
 * @param sha256 of {@code content}, lower-case hex
 */
public record ArtifactWrite(
        long projectId,
        String kind,
        String version,
        String name,
        byte[] content,
        String sha256,
        Instant createdAt,
        String sourceNode,
        long sourceSeq) {

    public static final String SOURCEMAP = "sourcemap";
    public static final String PROGUARD = "proguard";

    public ArtifactWrite {
        requireNonNull(kind, "kind is null");
        requireNonNull(version, "version is null");
        requireNonNull(name, "name is null");
        requireNonNull(content, "content is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(sourceNode, "sourceNode is null");
        if (!kind.equals(SOURCEMAP) && !kind.equals(PROGUARD)) {
            throw new IllegalArgumentException("artifact kind must be sourcemap or proguard, was " + kind);
        }
    }
}
