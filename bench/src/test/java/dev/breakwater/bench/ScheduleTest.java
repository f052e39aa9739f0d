package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void fixedRateDueTimesAreEvenlySpacedFromTheStartWhateverTheClockSays() {
        Schedule schedule = Schedule.fixedRate(1000, 1_000, 1_000 + 1_000_000_000L, now::get);

        assertThat(schedule.next()).isEqualTo(1_000);
        now.set(500_000_000); // late: the due times do not move with it
        assertThat(schedule.next()).isEqualTo(1_000 + 1_000_000);
        assertThat(schedule.next()).isEqualTo(1_000 + 2_000_000);
        assertThat(schedule.dueCount()).isEqualTo(1000);
    }

    @Test
    void fixedRateStopsAtTheEndEvenWithRequestsStillDue() {
        Schedule schedule = Schedule.fixedRate(10, 0, 1_000_000_000L, now::get);
        now.set(0);
        for (int i = 0; i < 10; i++) {
            assertThat(schedule.next()).isEqualTo(i * 100_000_000L);
        }
        assertThat(schedule.next()).isEqualTo(Schedule.DONE); // the 11th would be due at the end itself

        Schedule late = Schedule.fixedRate(10, 0, 1_000_000_000L, now::get);
        now.set(1_000_000_000L);
        assertThat(late.next()).isEqualTo(Schedule.DONE);
    }

    @Test
    void flatOutIsDueNowUntilTheEnd() {
        Schedule schedule = Schedule.flatOut(0, 5_000, now::get);
        now.set(4_999);
        assertThat(schedule.next()).isEqualTo(4_999);
        assertThat(schedule.fixedRate()).isFalse();
        assertThat(schedule.dueCount()).isZero();
        now.set(5_000);
        assertThat(schedule.next()).isEqualTo(Schedule.DONE);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> Schedule.fixedRate(0, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
