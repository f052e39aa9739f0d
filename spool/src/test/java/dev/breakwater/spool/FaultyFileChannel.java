package dev.breakwater.spool;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that fails when its {@link Faults} say so, and otherwise does what the real one does. A failing
 * write first writes part of what it was given, as a device running out of space does, so that the spool has a
 * partial frame to clean up.
 */
final class FaultyFileChannel extends FileChannel {

    private final FileChannel delegate;
    private final Faults faults;

    FaultyFileChannel(FileChannel delegate, Faults faults) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        if (faults.write.fires()) {
            writePart(source);
            throw faults.write.error();
        }
        return delegate.write(source);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (faults.write.fires()) {
            writePart(sources[offset]);
            throw faults.write.error();
        }
        return delegate.write(sources, offset, length);
    }

    private void writePart(ByteBuffer source) throws IOException {
        ByteBuffer part = source.duplicate();
        part.limit(part.position() + part.remaining() / 2);
        delegate.write(part);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        if (faults.write.fires()) {
            throw faults.write.error();
        }
        return delegate.write(source, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        faults.beforeForce();
        delegate.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (faults.truncate.fires()) {
            throw faults.truncate.error();
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return delegate.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return delegate.read(destinations, offset, length);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        faults.positionalRead();
        return delegate.read(destination, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        return delegate.transferFrom(source, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
