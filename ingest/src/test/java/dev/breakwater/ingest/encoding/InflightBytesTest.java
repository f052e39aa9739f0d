package dev.breakwater.ingest.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InflightBytesTest {
    @Test
    void acquiresUpToCapacityAndNoFurther() {
        InflightBytes bytes = new InflightBytes(100);
        assertThat(bytes.tryAcquire(60)).isTrue();
        assertThat(bytes.tryAcquire(41)).isFalse();
        assertThat(bytes.inUse()).isEqualTo(60);
        assertThat(bytes.tryAcquire(40)).isTrue();
        assertThat(bytes.tryAcquire(0)).isTrue();
        assertThat(bytes.tryAcquire(1)).isFalse();
        bytes.release(100);
        assertThat(bytes.inUse()).isZero();
        assertThat(bytes.tryAcquire(101)).isFalse();
        assertThat(bytes.capacity()).isEqualTo(100);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new InflightBytes(0)).hasMessage("in-flight byte capacity must be at least 1, was 0");
        InflightBytes bytes = new InflightBytes(10);
        assertThatThrownBy(() -> bytes.tryAcquire(-1)).isInstanceOf(IllegalArgumentException.class);
        bytes.tryAcquire(5);
        assertThatThrownBy(() -> bytes.release(6)).hasMessage("released 6 bytes but only 5 were in use");
        assertThat(bytes.inUse()).isEqualTo(5);
    }

    @Test
    void neverLendsMoreThanItsCapacityUnderContention() throws Exception {
        InflightBytes bytes = new InflightBytes(1000);
        AtomicLong overdrawn = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (bytes.tryAcquire(300)) {
                        if (bytes.inUse() > bytes.capacity()) {
                            overdrawn.incrementAndGet();
                        }
                        bytes.release(300);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(overdrawn).hasValue(0);
        assertThat(bytes.inUse()).isZero();
    }
}
