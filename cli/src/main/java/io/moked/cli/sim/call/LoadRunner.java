package io.moked.cli.sim.call;

import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.twilio.CallIdentity;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Places {@code calls} simulated calls, at most {@code concurrency} at a time. The first wave is spread evenly over
 * {@code rampSeconds}; afterwards a new call starts as soon as one ends. Only the calling thread waits here: the
 * calls themselves are paced by the environment's shared scheduler.
 */
public final class LoadRunner {
    /**
     * @param fromBase first caller number (E.164); call i calls from this number + i, so each is a distinct caller
     */
    public record Plan(int calls, int concurrency, double rampSeconds, String fromBase, String to) {
        public Plan {
            if (calls <= 0) {
                throw new IllegalArgumentException("--calls must be at least 1");
            }
            if (concurrency <= 0) {
                throw new IllegalArgumentException("--concurrency must be at least 1");
            }
            if (rampSeconds < 0) {
                throw new IllegalArgumentException("--ramp must not be negative");
            }
            if (!fromBase.matches("\\+\\d{6,15}")) {
                throw new IllegalArgumentException("--from must be an E.164 number such as +972501234567, got "
                        + fromBase);
            }
            if (!to.matches("\\+\\d{6,15}")) {
                throw new IllegalArgumentException("--to must be an E.164 number such as +97231234567, got " + to);
            }
        }

        /** Caller number of call {@code i}: the base number plus i (same length, wraps within its digits). */
        public String from(int i) {
            String digits = fromBase.substring(1);
            java.math.BigInteger modulus = java.math.BigInteger.TEN.pow(digits.length());
            String n = new java.math.BigInteger(digits).add(java.math.BigInteger.valueOf(i)).mod(modulus).toString();
            return "+" + "0".repeat(digits.length() - n.length()) + n;
        }
    }

    private final CallEnvironment env;
    private final Scenario scenario;
    private final Plan plan;
    private final LoadReport report;

    public LoadRunner(CallEnvironment env, Scenario scenario, Plan plan, LoadReport report) {
        this.env = env;
        this.scenario = scenario;
        this.plan = plan;
        this.report = report;
    }

    /** Runs every call; {@code onCallEnded} is called as each one ends (progress). */
    public void run(Consumer<CallResult> onCallEnded) throws InterruptedException {
        Semaphore slots = new Semaphore(plan.concurrency());
        CountDownLatch ended = new CountDownLatch(plan.calls());
        long start = System.nanoTime();
        long rampStepNanos = (long) (plan.rampSeconds() * 1e9 / plan.concurrency());
        for (int i = 0; i < plan.calls(); i++) {
            if (i < plan.concurrency() && rampStepNanos > 0) {
                long wait = start + i * rampStepNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            slots.acquire();
            CallIdentity id = CallIdentity.fresh(env.accountSid(), plan.from(i), plan.to());
            new SimulatedCall(env, scenario, id, CallListener.NONE, report, AudioTap.NONE).start()
                    .whenComplete((result, error) -> {
                        slots.release();
                        try {
                            onCallEnded.accept(result);
                        } finally {
                            ended.countDown();
                        }
                    });
        }
        ended.await();
    }
}
