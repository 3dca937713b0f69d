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
     * is collected — not when torch is done with it. Runs were measured to differ now and then under garbage
     * collection and never without it, so every tensor the engine uploads is copied into torch memory first.
     */
    static NDArray upload(NDManager manager, float[] values, Shape shape) {
        NDArray blob = manager.create(values, shape);
        NDArray owned = blob.duplicate();
        blob.close();
        return owned;
    }
}
