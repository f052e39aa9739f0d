package dev.breakwater.spool;

/**
 * Why the bytes at some position of a segment are not a valid {@link Frame}. Checked, so that no caller can forget
 * that a segment may be damaged; callers add what they know (lane, segment, offset) or, in recovery, cut the tail.
 */
final class DamagedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    DamagedFrameException(String reason) {
        // No stack trace: meeting a torn tail is an expected outcome of recovery, not a bug to locate.
        super(reason, null, false, false);
    }
}
