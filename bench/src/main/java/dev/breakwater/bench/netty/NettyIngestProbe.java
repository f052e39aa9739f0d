package dev.breakwater.bench.netty;

import static java.util.Objects.requireNonNull;

import dev.breakwater.bench.UsageException;
import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.BodyLimits;
import dev.breakwater.ingest.encoding.InflightBytes;
import dev.breakwater.ingest.sentry.EnvelopeLimits;
import dev.breakwater.ingest.sentry.EnvelopeParser;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lean ingest front for comparison with Breakwater's Helidon server: a Netty HTTP/1.1 server that does, per
 * {@code POST /api/{projectId}/envelope/}, the work of Breakwater's hot path with the real classes (see
 * {@link ProbeIngest}), in one of three {@link ProbeMode}s. Event loops read, decode and parse; the spool's group
 * commit completes the reply, which is written from the event loop; no thread ever blocks on the disk.
 *
 * <p>Limits are Breakwater's defaults: 20 MiB on the wire (also the aggregator's cap, answered 413), 100 MiB decoded,
 * 128 MiB of bodies in flight; the spool is {@code <data>/} with one {@code events} lane, 64 MiB segments.
 *
 * <p>{@code NettyIngestProbe [--mode full|decode|hello] [--data DIR] [--port 18082] [--key bench] [--project 1]
 * [--threads N] [--transport auto|epoll|nio]}. Prints one line starting {@code NettyIngestProbe ready} once it
 * listens, and runs until SIGTERM or SIGINT, then closes the spool (forcing what is pending).
 */
public final class NettyIngestProbe implements Closeable {
    static final int MAX_WIRE_BYTES = 20 << 20;
    static final int MAX_DECODED_BYTES = 100 << 20;
    static final long INFLIGHT_BYTES = 128L << 20;

    private final EventLoopGroup group;
    private final Channel server;
    private final Spool spool;
    private final String transport;

    private NettyIngestProbe(EventLoopGroup group, Channel server, Spool spool, String transport) {
        this.group = group;
        this.server = server;
        this.spool = spool;
        this.transport = transport;
    }

    /** The spool layout the probe appends to, so a test can open it again after {@link #close}. */
    static SpoolConfig spoolConfig(Path directory) {
        return new SpoolConfig(directory, "probe", 64L << 20, Map.of("events", 8L << 30), 64L << 20);
    }

    /** Opens the spool (full mode), then listens; returns once the port is bound. */
    static NettyIngestProbe start(ProbeOptions options) throws IOException, InterruptedException {
        requireNonNull(options, "options is null");
        boolean epoll = switch (options.transport()) {
            case "epoll" -> {
                if (!Epoll.isAvailable()) {
                    throw new IOException("the epoll transport is unavailable", Epoll.unavailabilityCause());
                }
                yield true;
            }
            case "nio" -> false;
            default -> Epoll.isAvailable();
        };
        Spool spool = options.mode() == ProbeMode.FULL ? Spool.open(spoolConfig(options.data()), Clock.systemUTC()) : null;
        ProbeIngest ingest = new ProbeIngest(
                options.mode(),
                Map.of(options.publicKey(), options.projectId()),
                new BodyDecoder(new BodyLimits(MAX_WIRE_BYTES, MAX_DECODED_BYTES), new InflightBytes(INFLIGHT_BYTES)),
                new EnvelopeParser(EnvelopeLimits.defaults()),
                spool == null ? null : spool.lane("events"));
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.eventLoops(), io);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_WIRE_BYTES),
                                    new EnvelopeHandler(ingest));
                        }
                    })
                    .bind(options.host(), options.port())
                    .sync()
                    .channel();
            return new NettyIngestProbe(group, server, spool, epoll ? "epoll" : "nio");
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (spool != null) {
                spool.close();
            }
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String transport() {
        return transport;
    }

    /** Stops listening and closes every connection, then closes the spool, which forces what is pending. */
    @Override
    public void close() throws IOException {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (spool != null) {
            spool.close();
        }
    }

    public static void main(String[] argv) throws IOException, InterruptedException {
        ProbeOptions options;
        try {
            options = ProbeOptions.parse(argv);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ProbeOptions.USAGE);
            System.exit(2);
            return;
        }
        NettyIngestProbe probe = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                probe.close();
            } catch (IOException e) {
                System.err.println("NettyIngestProbe: closing the spool failed: " + e);
            }
        }, "probe-shutdown"));
        System.out.printf("NettyIngestProbe ready: http://%s:%d/api/%s/envelope/ mode=%s transport=%s event-loops=%d key=%s%s%n",
                options.host(), probe.port(), options.projectId(), options.mode().label(), probe.transport(),
                options.eventLoops(), options.publicKey(),
                options.mode() == ProbeMode.FULL ? " spool=" + options.data().toAbsolutePath() : "");
        System.out.flush();
        probe.server.closeFuture().sync();
    }
}
