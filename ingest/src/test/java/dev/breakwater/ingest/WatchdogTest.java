package dev.breakwater.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    @Test
    void interruptsAThreadStillWaitingAtItsDeadlineAndClearsTheInterruptOnClose() throws Exception {
        CompletableFuture<Boolean> interruptedAfterClose = new CompletableFuture<>();
        CompletableFuture<Boolean> fired = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            Watchdog.Alarm alarm = Watchdog.arm(Duration.ofMillis(100));
            try {
                new CompletableFuture<Void>().get(); // never completes: only the watchdog ends this wait
            } catch (InterruptedException e) {
                fired.complete(alarm.fired());
            } catch (Exception e) {
                fired.completeExceptionally(e);
            } finally {
                alarm.close();
                interruptedAfterClose.complete(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(fired.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interruptedAfterClose.get(30, TimeUnit.SECONDS)).isFalse();
        waiter.join();
    }

    @Test
    void anAlarmClosedBeforeItsDeadlineNeverInterrupts() throws Exception {
        Watchdog.Alarm alarm = Watchdog.arm(Duration.ofMillis(200));
        alarm.close();
        // several sweeps past the deadline: a disarmed alarm must not reach the thread's next step
        CompletableFuture<Void> never = new CompletableFuture<>();
        assertThatThrownBy(() -> never.get(600, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(alarm.fired()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
