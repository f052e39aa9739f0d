package dev.breakwater.web.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void bytesBelowOneKibibyteAreShownAsTheyAre() {
        assertThat(Figures.bytes(0)).isEqualTo("0 B");
        assertThat(Figures.bytes(1)).isEqualTo("1 B");
        assertThat(Figures.bytes(1023)).isEqualTo("1023 B");
        assertThat(Figures.bytes(-5)).isEqualTo("0 B");
    }

    @Test
    void largerSizesUseBinaryUnitsWithOneDecimalBelowTen() {
        assertThat(Figures.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Figures.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Figures.bytes(10 * 1024)).isEqualTo("10 KiB");
        assertThat(Figures.bytes(320L * 1024 * 1024)).isEqualTo("320 MiB");
        assertThat(Figures.bytes(5L * 1024 * 1024 * 1024 / 2)).isEqualTo("2.5 GiB");
        assertThat(Figures.bytes(3L << 40)).isEqualTo("3.0 TiB");
        assertThat(Figures.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void aSizeThatWouldRoundToTheNextUnitMovesUp() {
        assertThat(Figures.bytes(1024 * 1024 - 1)).isEqualTo("1.0 MiB");
        assertThat(Figures.bytes(1023 * 1024)).isEqualTo("1,023 KiB");
    }

    @Test
    void ratesShowADecimalWhenSmallAndNeverAMisleadingZero() {
        assertThat(Figures.perSecond(0)).isEqualTo("0/s");
        assertThat(Figures.perSecond(-1)).isEqualTo("0/s");
        assertThat(Figures.perSecond(Double.NaN)).isEqualTo("0/s");
        assertThat(Figures.perSecond(0.01)).isEqualTo("<0.1/s");
        assertThat(Figures.perSecond(0.4)).isEqualTo("0.4/s");
        assertThat(Figures.perSecond(3.55)).isEqualTo("3.6/s");
        assertThat(Figures.perSecond(42.4)).isEqualTo("42/s");
        assertThat(Figures.perSecond(12_345.6)).isEqualTo("12,346/s");
    }

    @Test
    void countsGetThousandsSeparators() {
        assertThat(Figures.count(0)).isEqualTo("0");
        assertThat(Figures.count(999)).isEqualTo("999");
        assertThat(Figures.count(1_234_567)).isEqualTo("1,234,567");
    }
}
