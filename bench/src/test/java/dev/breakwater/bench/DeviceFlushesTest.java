package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFlushesTest {

    private static final List<String> DISKSTATS = List.of(
            "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
            " 254       0 vda 32853 7168 2091890 8433 2010 4649 370608 1122 0 3596 9742 3207 38 77472 181 122 4",
            " 259       0 old 1 2 3 4 5 6 7 8 9 10 11");

    @Test
    void readsTheFlushCountOfTheNamedDevice() {
        assertThat(DeviceFlushes.parse(DISKSTATS, "vda")).hasValue(122);
    }

    @Test
    void unknownDevicesAndOldKernelsGiveNothing() {
        assertThat(DeviceFlushes.parse(DISKSTATS, "sdz")).isEmpty();
        assertThat(DeviceFlushes.parse(DISKSTATS, "old")).isEmpty();
    }
}
