package dev.breakwater.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the file channels of segments. The spool takes one so that tests can put a channel in between
 * whose write or force fails on demand; production uses {@link #DEFAULT}.
 */
@FunctionalInterface
interface ChannelFactory {

    ChannelFactory DEFAULT = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
