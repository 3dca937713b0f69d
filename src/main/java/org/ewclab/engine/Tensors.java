package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Uploading Java arrays as tensors that own their memory. */
final class Tensors {
    private Tensors() {
    }

    /**
     * A tensor with a copy of {@code values}, in torch's own (aligned, reference-counted) memory. DJL's
     * {@code create} wraps a Java direct buffer instead ({@code from_blob}), whose memory the JVM frees when the buffer
     * is collected — not when torch is done with it (autograd may still hold the tensor); see {@link #scalar}.
     */
    static NDArray upload(NDManager manager, float[] values, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (values.length < n) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape);
        }
        java.nio.Buffer data;
        if (n > STAGING_LIMIT) {
            data = java.nio.FloatBuffer.wrap(values, 0, n); // DJL copies it into a direct buffer of its own
        } else {
            // the first n values, through this thread's reusable direct buffer: DJL's create(float[]) allocates a new
            // direct buffer per call (malloc, zero-fill, a Cleaner), freed only when the collector gets to it — a
            // batch of 100 MNIST images is 313 KB per step, and until the collector ran the first time, glibc served
            // each one with fresh pages (measured: a task-B run's first ~250 steps at 3.7–5 ms instead of 1.8, a
            // third of it in the kernel)
            ByteBuffer buf = STAGING.get();
            if (buf.capacity() < 4 * n) {
                buf = ByteBuffer.allocateDirect(Math.max(4 * n, 2 * buf.capacity())).order(ByteOrder.nativeOrder());
                STAGING.set(buf);
            }
            buf.clear();
            buf.asFloatBuffer().put(values, 0, n);
            buf.limit(4 * n);
            data = buf;
        }
        NDArray blob = manager.create(data, shape, DataType.FLOAT32);
        // duplicate copies into torch's memory before the staging buffer is reused
        NDArray owned = blob.duplicate();
        blob.close();
        return owned;
    }

    /** Uploads above this many floats (16 MB) get a direct buffer of their own rather than growing the staging one. */
    private static final int STAGING_LIMIT = 4 << 20;
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(4 * 1024).order(ByteOrder.nativeOrder()));

    /**
     * A 0-dim float tensor in torch memory, for arithmetic inside a gradient graph. Never use DJL's
     * {@code mul(Number)}/{@code div(Number)}/{@code add(Number)} there: they wrap the number in a Java buffer and close
     * it at once, while autograd keeps the tensor for the backward pass — which then reads memory the JVM may already
     * have freed (measured: gradients that changed from run to run with garbage collection).
     */
    static NDArray scalar(NDManager manager, float value) {
        return upload(manager, new float[] {value}, new Shape());
    }
}
