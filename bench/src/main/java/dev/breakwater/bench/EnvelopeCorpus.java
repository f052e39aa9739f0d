package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Realistic gzip'd Sentry error envelopes over a fixed set of distinct fingerprints, taken round-robin so every
 * fingerprint recurs. Each envelope is one {@code event} item:
 *
 * <pre>
 * {"event_id":"&lt;32 hex&gt;","sent_at":"&lt;RFC 3339&gt;","sdk":{...}}\n
 * {"type":"event","content_type":"application/json","length":N}\n
 * {"event_id":"&lt;32 hex&gt;","timestamp":"&lt;RFC 3339&gt;","platform":"java",...}\n
 * </pre>
 *
 * Every envelope gets a new event id; {@link EnvelopeTemplate} lets callers re-stamp it per request.
 * As a program it writes bodies to files for wrk: {@code EnvelopeCorpus --out DIR --count N [--size regular|large]}.
 * Not thread-safe.
 */
public final class EnvelopeCorpus {

    static final String SDK_HEADER = "\"sdk\":{\"name\":\"sentry.java\",\"version\":\"8.13.2\"}";
    private static final String USAGE = """
            usage: EnvelopeCorpus --out DIR [--count 2000] [--fingerprints 200] [--size regular|large] [--seed 1]
              writes DIR/body-00000.bin ... (gzip'd envelopes, one event each) and DIR/corpus.json (sizes)""";

    private final List<Fingerprint> fingerprints;
    private final EventSize size;
    private final EventFactory events;
    private final EventIdSequence ids;
    private final Rfc3339Millis times = new Rfc3339Millis();
    private int nextFingerprint;

    public EnvelopeCorpus(int fingerprintCount, EventSize size, long seed) {
        if (fingerprintCount < 1) {
            throw new IllegalArgumentException("fingerprint count must be at least 1, was " + fingerprintCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        this.fingerprints = Fingerprints.generate(fingerprintCount, random.nextLong());
        this.size = size;
        this.events = new EventFactory(random.split());
        // content is reproducible from the seed; ids are not, so two runs never send the same event id
        this.ids = new EventIdSequence(new SplittableRandom().nextLong(), 0);
    }

    List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    /** The next envelope: next fingerprint, new event id, {@code sent_at} and {@code timestamp} set to {@code now}. */
    EnvelopeTemplate next(Instant now) {
        Fingerprint fingerprint = fingerprints.get(nextFingerprint);
        nextFingerprint = (nextFingerprint + 1) % fingerprints.size();
        byte[] id = new byte[EnvelopeTemplate.ID_LENGTH];
        ids.next(id);
        String eventId = new String(id, StandardCharsets.US_ASCII);
        String time = new String(times.format(now.toEpochMilli()), StandardCharsets.US_ASCII);

        ObjectNode event = events.event(fingerprint, now, size);
        byte[] rest = EventFactory.serialise(event);
        String payloadHead = "{\"event_id\":\"" + eventId + "\",\"timestamp\":\"" + time + "\",";
        byte[] payload = concat(payloadHead.getBytes(StandardCharsets.US_ASCII), rest, 1);

        String envelopeHeader = "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"" + time + "\"," + SDK_HEADER + "}";
        String itemHeader = "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":" + payload.length + "}";
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 256);
        out.writeBytes((envelopeHeader + "\n" + itemHeader + "\n").getBytes(StandardCharsets.US_ASCII));
        int payloadStart = out.size();
        out.writeBytes(payload);
        out.write('\n');

        int idField = "{\"event_id\":\"".length();
        int sentAtOffset = idField + EnvelopeTemplate.ID_LENGTH + "\",\"sent_at\":\"".length();
        int payloadIdOffset = payloadStart + idField;
        int timestampOffset = payloadIdOffset + EnvelopeTemplate.ID_LENGTH + "\",\"timestamp\":\"".length();
        int headLength = payloadStart + payloadHead.length();
        return EnvelopeTemplate.of(out.toByteArray(), headLength, idField, sentAtOffset, payloadIdOffset, timestampOffset,
                payload.length, fingerprint);
    }

    List<EnvelopeTemplate> templates(int count, Instant now) {
        List<EnvelopeTemplate> templates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            templates.add(next(now));
        }
        return templates;
    }

    /** Writes {@code count} bodies as {@code body-00000.bin}... and a {@code corpus.json} summary; returns the summary. */
    ObjectNode write(Path directory, int count, Instant now) throws IOException {
        Files.createDirectories(directory);
        int[] gzip = new int[count];
        int[] event = new int[count];
        long envelopeBytes = 0;
        for (int i = 0; i < count; i++) {
            EnvelopeTemplate template = next(now);
            Files.write(directory.resolve(String.format("body-%05d.bin", i)), template.gzip());
            gzip[i] = template.gzipLength();
            event[i] = template.payloadLength();
            envelopeBytes += template.uncompressedLength();
        }
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("count", count);
        summary.put("size", size.name().toLowerCase(Locale.ROOT));
        summary.put("fingerprints", fingerprints.size());
        summary.put("meanEnvelopeBytes", envelopeBytes / count);
        summary.set("gzipBytes", distribution(gzip));
        summary.set("eventJsonBytes", distribution(event));
        Files.writeString(directory.resolve("corpus.json"), summary.toPrettyString());
        return summary;
    }

    private static ObjectNode distribution(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("mean", Arrays.stream(sorted).asLongStream().sum() / sorted.length);
        json.put("min", sorted[0]);
        json.put("p10", sorted[sorted.length / 10]);
        json.put("p50", sorted[sorted.length / 2]);
        json.put("p90", sorted[sorted.length * 9 / 10]);
        json.put("max", sorted[sorted.length - 1]);
        return json;
    }

    public static void main(String[] argv) throws IOException {
        try {
            Args args = Args.parse(argv, Set.of("out", "count", "fingerprints", "size", "seed"));
            Path out = Path.of(args.required("out"));
            int count = args.positiveInt("count", 2000);
            int fingerprints = args.positiveInt("fingerprints", 200);
            EventSize size = EventSize.parse(args.string("size", "regular"));
            long seed = args.longValue("seed", 1);
            ObjectNode summary = new EnvelopeCorpus(fingerprints, size, seed).write(out, count, Instant.now());
            System.out.println(summary);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static byte[] concat(byte[] head, byte[] tail, int tailFrom) {
        byte[] out = new byte[head.length + tail.length - tailFrom];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, tailFrom, out, head.length, tail.length - tailFrom);
        return out;
    }
}
