package dev.breakwater.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhrasesTest {
    @Test
    void figuresReadNaturally() {
        assertThat(Phrases.percent(0.899999)).isEqualTo("89 %");
        assertThat(Phrases.percent(0.9)).isEqualTo("90 %");
        assertThat(Phrases.duration(0.004)).isEqualTo("4 ms");
        assertThat(Phrases.duration(1.5)).isEqualTo("1.5 s");
        assertThat(Phrases.duration(1.0)).isEqualTo("1 s");
        assertThat(Phrases.duration(45)).isEqualTo("45 s");
        assertThat(Phrases.duration(300)).isEqualTo("5 min");
        assertThat(Phrases.duration(3600)).isEqualTo("1 h");
        assertThat(Phrases.duration(5400)).isEqualTo("1 h 30 min");
        assertThat(Phrases.duration(Double.NaN)).isEqualTo("unknown");
        assertThat(Phrases.count(1_000_000)).isEqualTo("1,000,000");
        assertThat(Phrases.bytes(512)).isEqualTo("512 B");
        assertThat(Phrases.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }
}
