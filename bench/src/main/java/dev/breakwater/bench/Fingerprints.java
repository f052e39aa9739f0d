package dev.breakwater.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws distinct fingerprints: each is a different (exception type, throwing call site) pair on a plausible Java
 * stack of 10–40 frames (most of them shallow) — a thread or framework entry, a few layers of application code with proxies in between,
 * and sometimes a library at the top. The same seed gives the same fingerprints.
 */
final class Fingerprints {

    /** module, type, message template. */
    private static final String[][] EXCEPTIONS = {
        {"java.lang", "IllegalStateException", "Order %d is already in state %s"},
        {"java.lang", "IllegalArgumentException", "Unknown currency code: %s"},
        {"java.lang", "NullPointerException", "Cannot invoke \"String.length()\" because \"%s\" is null"},
        {"java.lang", "NumberFormatException", "For input string: \"%s\""},
        {"java.lang", "IndexOutOfBoundsException", "Index %d out of bounds for length %d"},
        {"java.lang", "ArithmeticException", "/ by zero"},
        {"java.lang", "ClassCastException", "class %s cannot be cast to class java.lang.Long"},
        {"java.lang", "UnsupportedOperationException", "Refunds are not supported for provider %s"},
        {"java.util", "NoSuchElementException", "No value present for customer %d"},
        {"java.util", "ConcurrentModificationException", "Cart %d modified during checkout"},
        {"java.util.concurrent", "TimeoutException", "Timed out after %d ms waiting for %s"},
        {"java.util.concurrent", "RejectedExecutionException", "Task %s rejected from pool-%d"},
        {"java.io", "IOException", "Broken pipe while writing %d bytes"},
        {"java.io", "UncheckedIOException", "Failed to read /var/lib/app/cache/%s.bin"},
        {"java.net", "SocketTimeoutException", "Read timed out after %d ms"},
        {"java.net", "ConnectException", "Connection refused: %s.internal:%d"},
        {"javax.net.ssl", "SSLHandshakeException", "PKIX path building failed for %s"},
        {"java.sql", "SQLException", "deadlock detected on relation %s (pid %d)"},
        {"java.sql", "SQLTransientConnectionException", "HikariPool-1 - Connection is not available, request timed out after %dms."},
        {"java.sql", "SQLIntegrityConstraintViolationException", "Duplicate entry '%s' for key 'uk_orders_ref'"},
        {"com.fasterxml.jackson.core", "JsonParseException", "Unexpected character ('%s' (code %d)): was expecting comma"},
        {"com.acme.common", "PaymentDeclinedException", "Card declined by issuer: %s"},
        {"com.acme.common", "QuotaExceededException", "Tenant %d exceeded its quota of %d requests"},
        {"com.acme.common", "ValidationException", "Field '%s' must not be blank"},
    };

    private static final String[] DOMAINS = {
        "checkout", "billing", "inventory", "search", "auth", "shipping", "catalog", "notifications", "reporting", "pricing",
    };
    private static final String[] ROLES = {"Service", "Controller", "Repository", "Client", "Handler", "Validator", "Job", "Mapper"};
    private static final String[] VERBS = {
        "place", "apply", "find", "validate", "handle", "process", "refresh", "sync", "charge", "reserve", "load", "resolve",
        "compute", "send", "publish", "update", "create", "cancel", "import", "render",
    };
    private static final String[] NOUNS = {
        "Order", "Discount", "Customer", "Invoice", "Payment", "Stock", "Shipment", "Product", "Session", "Token", "Report",
        "Price", "Cart", "Refund", "Batch",
    };

    private static final StackFrame[] HTTP_ENTRY = {
        frame("java.lang.Thread", "run", 1583),
        frame("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "run", 1149),
        frame("org.eclipse.jetty.util.thread.QueuedThreadPool", "runJob", 969),
        frame("org.eclipse.jetty.io.SelectableChannelEndPoint$1", "run", 53),
        frame("org.eclipse.jetty.server.HttpConnection", "onFillable", 412),
        frame("org.eclipse.jetty.server.HttpChannel", "handle", 479),
        frame("org.eclipse.jetty.server.handler.HandlerWrapper", "handle", 127),
        frame("org.eclipse.jetty.servlet.ServletHandler$ChainEnd", "doFilter", 1656),
        frame("jakarta.servlet.http.HttpServlet", "service", 614),
        frame("org.springframework.web.servlet.FrameworkServlet", "service", 885),
        frame("org.springframework.web.servlet.DispatcherServlet", "doDispatch", 1089),
        frame("org.springframework.web.method.support.InvocableHandlerMethod", "invokeForRequest", 150),
    };
    private static final StackFrame[] JOB_ENTRY = {
        frame("java.lang.Thread", "run", 1583),
        frame("java.util.concurrent.ThreadPoolExecutor$Worker", "run", 642),
        frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1144),
        frame("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", "run", 304),
        frame("java.util.concurrent.FutureTask", "runAndReset", 305),
        frame("org.springframework.scheduling.support.DelegatingErrorHandlingRunnable", "run", 54),
    };
    private static final StackFrame[] CONSUMER_ENTRY = {
        frame("java.lang.Thread", "run", 1583),
        frame("org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer", "run", 1302),
        frame("org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer", "pollAndInvoke", 1658),
        frame("org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer", "invokeRecordListener", 2749),
        frame("org.springframework.kafka.listener.adapter.RecordMessagingMessageListenerAdapter", "onMessage", 70),
    };
    private static final StackFrame[] PROXY = {
        frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
        frame("java.lang.reflect.Method", "invoke", 580),
        frame("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed", 184),
        frame("org.springframework.transaction.interceptor.TransactionInterceptor", "invoke", 119),
    };
    private static final StackFrame[][] LIBRARY_TOPS = {
        {frame("com.zaxxer.hikari.HikariDataSource", "getConnection", 100), frame("com.zaxxer.hikari.pool.HikariPool", "getConnection", 181)},
        {frame("org.postgresql.jdbc.PgPreparedStatement", "executeUpdate", 152), frame("org.postgresql.core.v3.QueryExecutorImpl", "execute", 372)},
        {frame("com.fasterxml.jackson.databind.ObjectMapper", "readValue", 3604), frame("com.fasterxml.jackson.core.json.ReaderBasedJsonParser", "nextToken", 742)},
        {frame("java.util.Optional", "orElseThrow", 377)},
        {frame("java.util.Objects", "requireNonNull", 233)},
        {frame("java.net.http.HttpClient", "send", 1012), frame("jdk.internal.net.http.HttpClientImpl", "send", 931)},
    };

    private Fingerprints() {}

    static List<Fingerprint> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Fingerprint> fingerprints = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        while (fingerprints.size() < count) {
            Fingerprint candidate = draw(random);
            StackFrame site = candidate.callSite();
            String key = candidate.exceptionModule() + "." + candidate.exceptionType() + "@" + site.module() + "."
                    + site.function() + ":" + site.lineno();
            if (seen.add(key)) {
                fingerprints.add(candidate);
            }
        }
        return List.copyOf(fingerprints);
    }

    private static Fingerprint draw(SplittableRandom random) {
        String[] exception = EXCEPTIONS[random.nextInt(EXCEPTIONS.length)];
        // skewed towards shallow stacks (median ~14 frames, as most errors are) so most events stay near 2-4 KB;
        // the deep ones (up to 40 frames, ~6 KB) still occur
        double u = random.nextDouble();
        int targetFrames = 10 + (int) (31 * u * u * u);
        int entryKind = random.nextInt(3);
        StackFrame[] entry = entryKind == 0 ? HTTP_ENTRY : entryKind == 1 ? JOB_ENTRY : CONSUMER_ENTRY;
        StackFrame[] top = random.nextInt(3) == 0 ? LIBRARY_TOPS[random.nextInt(LIBRARY_TOPS.length)] : new StackFrame[0];

        List<StackFrame> frames = new ArrayList<>(targetFrames);
        // a shallow stack starts inside the framework rather than at Thread.run
        int entryFrames = Math.min(entry.length, Math.max(2, targetFrames - top.length - 4));
        for (int i = entry.length - entryFrames; i < entry.length; i++) {
            frames.add(entry[i]);
        }
        String domain = DOMAINS[random.nextInt(DOMAINS.length)];
        String pkg = "com.acme." + domain;
        String firstClass = null;
        String firstMethod = null;
        while (frames.size() < targetFrames - top.length) {
            int remaining = targetFrames - top.length - frames.size();
            if (remaining > 4 && random.nextInt(4) == 0) {
                int proxies = Math.min(remaining - 1, 2 + random.nextInt(PROXY.length - 1));
                for (int i = 0; i < proxies; i++) {
                    frames.add(PROXY[i]);
                }
                continue;
            }
            String noun = NOUNS[random.nextInt(NOUNS.length)];
            String role = ROLES[random.nextInt(ROLES.length)];
            String cls = noun + role;
            String method = VERBS[random.nextInt(VERBS.length)] + NOUNS[random.nextInt(NOUNS.length)];
            if (firstClass == null) {
                firstClass = cls;
                firstMethod = method;
            }
            frames.add(new StackFrame(pkg + "." + cls, method, cls + ".java", 20 + random.nextInt(600), true));
        }
        for (StackFrame frame : top) {
            frames.add(frame);
        }
        String transaction = switch (entryKind) {
            case 0 -> (random.nextBoolean() ? "POST" : "GET") + " /api/" + domain + "/{id}";
            case 1 -> firstClass + "." + firstMethod;
            default -> domain + "-events";
        };
        return new Fingerprint(exception[0], exception[1], exception[2], transaction, pkg + "." + firstClass, frames);
    }

    private static StackFrame frame(String module, String function, int lineno) {
        String simple = module.substring(module.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String file = (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java";
        return new StackFrame(module, function, file, lineno, false);
    }
}
