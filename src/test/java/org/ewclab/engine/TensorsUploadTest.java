package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * Tensors.upload goes through one reusable direct buffer per thread: each tensor must own a copy, so that the next
 * upload (which overwrites the buffer) cannot change an earlier tensor, and only the shape's first values are taken.
 */
class TensorsUploadTest {
    @Test
    void eachUploadOwnsItsValuesAfterTheBufferIsReused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = Tensors.upload(m, new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = Tensors.upload(m, new float[] {5, 6, 7, 8, 9, 10}, new Shape(2, 2)); // a longer batch array
            float[] big = new float[3000]; // grows the staging buffer past its first size
            for (int i = 0; i < big.length; i++) {
                big[i] = i * 0.5f;
            }
            NDArray c = Tensors.upload(m, big, new Shape(1000, 3));
            NDArray s = Tensors.scalar(m, 0.25f);
            assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
            assertArrayEquals(new float[] {5, 6, 7, 8}, b.toFloatArray());
            assertArrayEquals(big, c.toFloatArray());
            assertArrayEquals(new float[] {0.25f}, s.toFloatArray());
            assertArrayEquals(new long[] {2, 2}, b.getShape().getShape());
        }
    }

    @Test
    void tooFewValuesForTheShapeIsAnError() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> Tensors.upload(m, new float[3], new Shape(2, 2)));
        }
    }
}
