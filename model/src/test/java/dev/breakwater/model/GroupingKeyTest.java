package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The grouping key's bytes are its contract: stored fingerprints must not change when the code that writes them does. */
class GroupingKeyTest {

    @Test
    void hashesNameSeparatorValueTerminatorSequencesWithMd5() throws Exception {
        String hash = new GroupingKey().add("strategy", "message").add("message", "user <num> failed").hash();
        byte[] expected = MessageDigest.getInstance("MD5").digest(
                "strategy\u001fmessage\u001emessage\u001fuser <num> failed\u001e".getBytes(StandardCharsets.UTF_8));
        assertThat(hash).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void separatorsInValuesAreDroppedSoThatNoTwoSequencesWriteTheSameBytes() {
        assertThat(new GroupingKey().add("type", "a\u001fb\u001ec").hash())
                .isEqualTo(new GroupingKey().add("type", "abc").hash());
        // a value cannot end its component early: the terminator inside it is dropped, not written
        assertThat(new GroupingKey().add("frame", "a\u001eframe\u001fb").hash())
                .isEqualTo(new GroupingKey().add("frame", "aframeb").hash())
                .isNotEqualTo(new GroupingKey().add("frame", "a").add("frame", "b").hash());
        assertThat(new GroupingKey().add("frame", "ab").add("frame", "c").hash())
                .isNotEqualTo(new GroupingKey().add("frame", "a").add("frame", "bc").hash());
        assertThat(new GroupingKey().add("frame", "é\u001f漢").toString()).isEqualTo("frame=é漢\n");
    }
}
