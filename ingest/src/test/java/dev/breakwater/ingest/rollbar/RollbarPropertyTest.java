package dev.breakwater.ingest.rollbar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.IngestException;
import java.net.URLEncoder;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, the Rollbar scanners answer with a result or an {@link IngestException}, never anything else. */
class RollbarPropertyTest {
    private static final String ITEM =
            "{\"access_token\":\"tok\",\"data\":{\"environment\":\"production\",\"uuid\":\"u-1\","
                + "\"body\":{\"trace\":{\"frames\":[{\"filename\":\"a.py\",\"lineno\":1}],\"exception\":{\"class\":\"E\"}}}}}";
    private static final String DEPLOY = "{\"environment\":\"production\",\"revision\":\"abc\",\"comment\":\"x\"}";

    @Property(tries = 500)
    void damagedItemsParseOrFailWithIngestException(@ForAll long seed, @ForAll boolean asForm) {
        String body = asForm ? "payload=" + URLEncoder.encode(ITEM, UTF_8) : ITEM;
        byte[] bytes = mutate(body.getBytes(UTF_8), new Random(seed));
        try {
            RollbarItem item =
                    RollbarItem.parse(bytes, 0, bytes.length, asForm ? "application/x-www-form-urlencoded" : null);
            assertThat(item.environment()).isNotEmpty();
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void damagedDeploysParseOrFailWithIngestException(@ForAll long seed, @ForAll boolean asForm) {
        String body = asForm ? "environment=production&revision=abc&comment=x%20y" : DEPLOY;
        byte[] bytes = mutate(body.getBytes(UTF_8), new Random(seed));
        try {
            RollbarDeploy deploy =
                    RollbarDeploy.parse(bytes, 0, bytes.length, asForm ? "application/x-www-form-urlencoded" : null);
            assertThat(deploy.revision()).isNotBlank();
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void arbitraryBytesParseOrFailWithIngestException(@ForAll @Size(max = 200) byte[] bytes, @ForAll boolean asForm) {
        String contentType = asForm ? "application/x-www-form-urlencoded" : "application/json";
        try {
            RollbarItem.parse(bytes, 0, bytes.length, contentType);
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            RollbarDeploy.parse(bytes, 0, bytes.length, contentType);
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] framing = {'{', '}', '[', ']', '"', ':', ',', '%', '&', '=', '\\', '0', 0, (byte) 0xff};
        byte[] out = bytes.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            out[random.nextInt(out.length)] =
                    random.nextBoolean() ? framing[random.nextInt(framing.length)] : (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(out, random.nextInt(out.length)) : out;
    }
}
