package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

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
        NDArray blob = manager.create(values, shape);
        NDArray owned = blob.duplicate();
        blob.close();
        return owned;
    }

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
