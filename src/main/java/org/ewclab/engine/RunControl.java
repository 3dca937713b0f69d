package org.ewclab.engine;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The handle a window or a test holds on a training run: pause, resume, stop, change λ, ask for a parameter snapshot.
 * Thread-safe; every request takes effect at the next training step (within one batch). One control may serve several
 * runs one after another (Compare all): {@link #stop()} stops them all.
 */
public final class RunControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile double lambdaOverride = Double.NaN;
    private volatile long lambdaVersion;
    private volatile boolean snapshotRequested;
    private volatile int penaltyEvery = DEFAULT_PENALTY_EVERY;

    /**
     * How often (in steps) a run computes the penalty's value for {@link LabEvent.StepMetrics} by default. The penalty's
     * gradient is added on every step; only its value — which half of the penalty's native calls go to — is sampled,
     * so an EWC step costs little more than a plain one. Ten steps give the loss chart a point every few pixels.
     */
    public static final int DEFAULT_PENALTY_EVERY = 10;

    public void pause() {
        paused = true;
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the run at the next step (a paused run stops too). The run finishes with {@code stopped = true}. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets λ for the run that is training now; its next step uses it (and a {@link LabEvent.LambdaChanged} marks it).
     * A run that starts later uses its own {@code MethodSpec} λ unless λ is set again while it trains. ≥ 0, finite.
     */
    public void setLambda(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("λ must be ≥ 0 and finite, got " + lambda);
        }
        lambdaOverride = lambda;
        lambdaVersion++;
    }

    /** Forgets a {@link #setLambda} override: later runs use their own preset λ again. */
    public void clearLambda() {
        lambdaOverride = Double.NaN;
        lambdaVersion++;
    }

    /** Asks the running run to publish a {@link LabEvent.ParameterSnapshot} at its next step. */
    public void requestSnapshot() {
        snapshotRequested = true;
    }

    /**
     * Computes the penalty's value (and a method's extra loss term's) every {@code every} steps of a run, counted from
     * the run's first step; the other steps publish NaN as their penalty. 1: every step (tests that check the value at
     * one particular step). The training itself does not change.
     */
    public void setPenaltyEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("penaltyEvery must be ≥ 1, got " + every);
        }
        penaltyEvery = every;
    }

    public int penaltyEvery() {
        return penaltyEvery;
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** The λ set by {@link #setLambda}, or NaN if none. */
    public double lambdaOverride() {
        return lambdaOverride;
    }

    long lambdaVersion() {
        return lambdaVersion;
    }

    boolean takeSnapshotRequest() {
        boolean r = snapshotRequested;
        snapshotRequested = false;
        return r;
    }

    /** Blocks the trainer thread while paused; returns false if the run must stop. */
    boolean awaitRunnable() {
        if (!paused) {
            return !stopped;
        }
        lock.lock();
        try {
            while (paused && !stopped) {
                resumed.awaitUninterruptibly();
            }
            return !stopped;
        } finally {
            lock.unlock();
        }
    }
}
