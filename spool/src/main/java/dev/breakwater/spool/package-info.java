/**
 * The spool: Breakwater's first buffer, a segmented append-only log per lane on local disk. A record is acknowledged
 * only once it is forced to disk (group commit), so an event that got its HTTP 200 survives {@code kill -9}.
 *
 * <pre>
 * &lt;directory&gt;/spool.lock                        held while open (DirectoryLock)
 * &lt;directory&gt;/&lt;lane&gt;/00000000000000000000.seg   segments named by base offset (Segment, SegmentHeader)
 *                                                 of length + CRC32C frames (Frame) of records (RecordCodec)
 * &lt;directory&gt;/&lt;lane&gt;/consumers/&lt;name&gt;.pos      consumer positions (ConsumerPosition)
 * </pre>
 *
 * Start at {@link dev.breakwater.spool.Spool}. Depends on the JDK only.
 */
package dev.breakwater.spool;
