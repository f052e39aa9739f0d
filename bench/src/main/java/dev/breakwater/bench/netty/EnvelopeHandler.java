package dev.breakwater.bench.netty;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.ErrorBody;
import dev.breakwater.ingest.Reply;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's requests, each already aggregated whole by {@code HttpObjectAggregator} (which answers 413 past
 * the wire limit itself): routes {@code POST /api/{projectId}/envelope/} to {@link ProbeIngest} and writes the
 * replies in request order.
 *
 * <p>Replies become ready out of order (a refusal at once, an append after its group commit) while a client may
 * pipeline, so every request takes a slot in a queue and replies leave from its head. The event loop never waits:
 * a reply completed on a spool thread hops back with {@code ctx.executor().execute}. All fields are touched on the
 * channel's event loop only; one instance per connection.
 */
final class EnvelopeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String PREFIX = "/api/";
    private static final String SUFFIX = "/envelope/";

    private final ProbeIngest ingest;
    private final ArrayDeque<Slot> inOrder = new ArrayDeque<>();
    /** Set once a request asked to close: what the client sends after it is not answered. */
    private boolean closing;

    EnvelopeHandler(ProbeIngest ingest) {
        this.ingest = requireNonNull(ingest, "ingest is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (closing) {
            return;
        }
        Slot slot = new Slot(req.protocolVersion(), req.decoderResult().isSuccess() && HttpUtil.isKeepAlive(req));
        closing = !slot.keepAlive;
        inOrder.add(slot);
        handle(req).whenComplete((reply, failure) -> {
            Reply ready = failure == null ? reply : plain(500, "internal_error", failure.toString());
            if (ctx.executor().inEventLoop()) {
                complete(ctx, slot, ready);
            } else {
                ctx.executor().execute(() -> complete(ctx, slot, ready));
            }
        });
    }

    private CompletableFuture<Reply> handle(FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            return CompletableFuture.completedFuture(plain(400, "bad_request", "malformed HTTP request"));
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String projectId = path.startsWith(PREFIX) && path.endsWith(SUFFIX) && path.length() > PREFIX.length() + SUFFIX.length()
                ? path.substring(PREFIX.length(), path.length() - SUFFIX.length())
                : "";
        if (projectId.isEmpty() || projectId.indexOf('/') >= 0) {
            return CompletableFuture.completedFuture(plain(404, "not_found", "only POST /api/{projectId}/envelope/ is served"));
        }
        if (!HttpMethod.POST.equals(req.method())) {
            return CompletableFuture.completedFuture(
                    plain(405, "method_not_allowed", "use POST").withHeader("Allow", "POST"));
        }
        HttpHeaders headers = req.headers();
        return ingest.envelope(
                projectId,
                headers.get("X-Sentry-Auth"),
                headers.get(HttpHeaderNames.AUTHORIZATION),
                q < 0 ? null : uri.substring(q + 1),
                headers.get(HttpHeaderNames.CONTENT_ENCODING),
                req.content().readableBytes(),
                // read to its end inside envelope(), before this handler releases the request
                new ByteBufInputStream(req.content()));
    }

    private void complete(ChannelHandlerContext ctx, Slot slot, Reply reply) {
        slot.reply = reply;
        boolean wrote = false;
        while (!inOrder.isEmpty() && inOrder.peekFirst().reply != null) {
            Slot head = inOrder.pollFirst();
            ChannelFuture written = ctx.write(response(head));
            wrote = true;
            if (!head.keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
                inOrder.clear();
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private static FullHttpResponse response(Slot slot) {
        Reply reply = slot.reply;
        FullHttpResponse response = new DefaultFullHttpResponse(
                slot.version, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        reply.headers().forEach(headers::set);
        HttpUtil.setKeepAlive(response, slot.keepAlive);
        return response;
    }

    private static Reply plain(int status, String code, String message) {
        return new Reply(status, Map.of(), ErrorBody.of(ErrorBody.Dialect.PLAIN, code, message, 0), null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** A request's place in the reply order; {@link #reply} is set on the event loop once it is ready. */
    private static final class Slot {
        final HttpVersion version;
        final boolean keepAlive;
        Reply reply;

        Slot(HttpVersion version, boolean keepAlive) {
            this.version = version;
            this.keepAlive = keepAlive;
        }
    }
}
