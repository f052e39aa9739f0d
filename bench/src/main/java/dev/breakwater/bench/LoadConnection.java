package dev.breakwater.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;

/**
 * One keep-alive HTTP/1.1 connection of a load run, driven by one (virtual) thread: take the next due time from the
 * {@link Schedule}, stamp and write the next prepared request, read the response, record it. A connection the server
 * closes ({@code Connection: close}) or that fails is reopened for the next request; after a failure it first waits
 * briefly so a dead server is not hammered with connects.
 */
final class LoadConnection implements Runnable {

    private static final long RECONNECT_PAUSE_NANOS = 10_000_000;

    private final Target target;
    private final List<PreparedRequest> requests;
    private final Schedule schedule;
    private final long warmupEndNanos;
    private final LatencyRecorder warmup;
    private final LatencyRecorder measured;
    private final EventIdSequence ids;
    private final int timeoutMillis;
    private final Rfc3339Millis times = new Rfc3339Millis();
    private final byte[] id = new byte[EnvelopeTemplate.ID_LENGTH];
    private final byte[] time = new byte[EnvelopeTemplate.TIME_LENGTH];

    private Socket socket;
    private OutputStream out;
    private HttpResponseReader in;

    LoadConnection(Target target, List<PreparedRequest> requests, Schedule schedule, long warmupEndNanos,
            LatencyRecorder warmup, LatencyRecorder measured, EventIdSequence ids, int timeoutMillis) {
        this.target = target;
        this.requests = List.copyOf(requests);
        this.schedule = schedule;
        this.warmupEndNanos = warmupEndNanos;
        this.warmup = warmup;
        this.measured = measured;
        this.ids = ids;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void run() {
        int next = 0;
        try {
            for (long due = schedule.next(); due != Schedule.DONE; due = schedule.next()) {
                Schedule.awaitUntil(due);
                LatencyRecorder recorder = due - warmupEndNanos < 0 ? warmup : measured;
                PreparedRequest request = requests.get(next);
                next = (next + 1) % requests.size();
                ids.next(id);
                times.write(System.currentTimeMillis(), time, 0);
                request.stamp(id, time);
                // flat out, the send time is the due time; open loop, a late send still counts from when it was due
                long start = schedule.fixedRate() ? due : System.nanoTime();
                recorder.sent();
                try {
                    if (socket == null) {
                        connect();
                    }
                    long written = System.nanoTime();
                    out.write(request.bytes());
                    HttpResponse response = in.read();
                    long now = System.nanoTime();
                    recorder.response(response, now - start, now - written);
                    if (response.close()) {
                        close();
                    }
                } catch (IOException | RuntimeException e) {
                    recorder.error(e);
                    close();
                    Schedule.awaitUntil(System.nanoTime() + RECONNECT_PAUSE_NANOS);
                }
            }
        } finally {
            close();
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(target.address(), timeoutMillis);
            out = s.getOutputStream();
            in = new HttpResponseReader(s.getInputStream());
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing or done; nothing to report beyond the error that got us here
            }
            socket = null;
            out = null;
            in = null;
        }
    }
}
