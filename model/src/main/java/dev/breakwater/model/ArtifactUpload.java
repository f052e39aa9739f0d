package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Rollbar-style artifact upload, read from its {@code multipart/form-data} body ({@link MultipartForm}):
 *
 * <ul>
 *   <li>{@code rollbar-sourcemap} ({@code POST /api/1/sourcemap}): fields {@code version} and {@code minified_url},
 *       and the file {@code source_map}; named by the minified URL. Other fields (the access token, uploaded source
 *       files) are ignored.
 *   <li>{@code rollbar-proguard} ({@code POST /api/1/proguard}): field {@code version} and the file {@code mapping};
 *       named by the optional {@code uuid} field, else by the mapping's file name.
 * </ul>
 *
 * Invariants: kind is {@code sourcemap} or {@code proguard}; version and name are non-blank and at most
 * {@link #MAX_VERSION} and {@link #MAX_NAME} characters; content is non-empty.
 *
 * @param sha256 of the content, lower-case hex
 */
public record ArtifactUpload(String kind, String version, String name, byte[] content, String sha256) {
    public static final int MAX_VERSION = 200;
    public static final int MAX_NAME = 2048;

    public ArtifactUpload {
        requireNonNull(kind, "kind is null");
        requireNonNull(version, "version is null");
        requireNonNull(name, "name is null");
        requireNonNull(content, "content is null");
        requireNonNull(sha256, "sha256 is null");
    }

    /**
     * Reads the upload a spool record of {@code source} holds.
     *
     * @throws DecodeException when the source is not an artifact upload, the body is not a well-formed form, or a
     *     required field is missing, blank, too long or empty
     */
    public static ArtifactUpload decode(String source, String contentType, byte[] body) throws DecodeException {
        requireNonNull(source, "source is null");
        try {
            return switch (source) {
                case "rollbar-sourcemap" -> sourceMap(MultipartForm.parse(contentType, body));
                case "rollbar-proguard" -> proguard(MultipartForm.parse(contentType, body));
                default -> throw new DecodeException("not an artifact upload");
            };
        } catch (DecodeException e) {
            throw new DecodeException(source + ": " + e.getMessage(), e);
        }
    }

    private static ArtifactUpload sourceMap(MultipartForm form) throws DecodeException {
        String version = text(form, "version", MAX_VERSION);
        String name = text(form, "minified_url", MAX_NAME);
        return of("sourcemap", version, name, file(form, "source_map"));
    }

    private static ArtifactUpload proguard(MultipartForm form) throws DecodeException {
        String version = text(form, "version", MAX_VERSION);
        MultipartForm.Part mapping = file(form, "mapping");
        String name;
        if (form.part("uuid").isPresent()) {
            name = text(form, "uuid", MAX_NAME);
        } else {
            name = mapping.filename()
                    .map(String::strip)
                    .filter(filename -> !filename.isEmpty())
                    .orElseThrow(() -> new DecodeException(
                            "the mapping has no file name and the form no uuid field to name it by"));
            if (name.length() > MAX_NAME) {
                throw new DecodeException("the mapping's file name is longer than " + MAX_NAME + " characters");
            }
        }
        return of("proguard", version, name, mapping);
    }

    private static ArtifactUpload of(String kind, String version, String name, MultipartForm.Part file) {
        byte[] content = file.content();
        return new ArtifactUpload(kind, version, name, content, sha256(content));
    }

    private static String text(MultipartForm form, String field, int maxLength) throws DecodeException {
        MultipartForm.Part part = form.part(field)
                .orElseThrow(() -> new DecodeException("form field '" + field + "' is missing (fields: "
                        + String.join(", ", form.names()) + ")"));
        String text = part.text().strip();
        if (text.isEmpty()) {
            throw new DecodeException("form field '" + field + "' is blank");
        }
        if (text.length() > maxLength) {
            throw new DecodeException("form field '" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static MultipartForm.Part file(MultipartForm form, String field) throws DecodeException {
        MultipartForm.Part part = form.part(field)
                .orElseThrow(() -> new DecodeException("file field '" + field + "' is missing (fields: "
                        + String.join(", ", form.names()) + ")"));
        if (part.length() == 0) {
            throw new DecodeException("file field '" + field + "' is empty");
        }
        return part;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
