package org.ewclab.data;

/**
 * Resizes greyscale images held as floats, separably (rows, then columns). Shrinking averages the area each output
 * pixel covers, so a 280×280 photo becomes a faithful 28×28 rather than a sample of every tenth pixel (aliasing);
 * enlarging interpolates bilinearly between pixel centres.
 */
final class ImageResampler {
    private ImageResampler() {
    }

    static float[] resize(float[] source, int height, int width, int newHeight, int newWidth) {
        if (height == newHeight && width == newWidth) {
            return source.clone();
        }
        Kernel horizontal = kernel(width, newWidth);
        float[] rows = new float[height * newWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                float[] w = horizontal.weights[x];
                int start = y * width + horizontal.start[x];
                float sum = 0;
                for (int j = 0; j < w.length; j++) {
                    sum += w[j] * source[start + j];
                }
                rows[y * newWidth + x] = sum;
            }
        }
        Kernel vertical = kernel(height, newHeight);
        float[] out = new float[newHeight * newWidth];
        for (int y = 0; y < newHeight; y++) {
            float[] w = vertical.weights[y];
            int start = vertical.start[y];
            for (int x = 0; x < newWidth; x++) {
                float sum = 0;
                for (int j = 0; j < w.length; j++) {
                    sum += w[j] * rows[(start + j) * newWidth + x];
                }
                out[y * newWidth + x] = sum;
            }
        }
        return out;
    }

    /** For each output position, the first input index it reads and the weights of the inputs from there. */
    private static final class Kernel {
        final int[] start;
        final float[][] weights;

        Kernel(int n) {
            start = new int[n];
            weights = new float[n][];
        }
    }

    private static Kernel kernel(int in, int out) {
        Kernel kernel = new Kernel(out);
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (scale >= 1) {
                double lo = o * scale;
                double hi = Math.min(in, (o + 1) * scale);
                int first = (int) Math.floor(lo);
                int last = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                float[] w = new float[last - first + 1];
                for (int p = first; p <= last; p++) {
                    double overlap = Math.min(hi, p + 1) - Math.max(lo, p);
                    w[p - first] = (float) (overlap / (hi - lo));
                }
                kernel.start[o] = first;
                kernel.weights[o] = w;
            } else {
                double centre = Math.max(0, Math.min(in - 1, (o + 0.5) * scale - 0.5));
                int first = (int) Math.floor(centre);
                float f = (float) (centre - first);
                if (first + 1 < in) {
                    kernel.weights[o] = new float[] {1 - f, f};
                } else {
                    kernel.weights[o] = new float[] {1};
                }
                kernel.start[o] = first;
            }
        }
        return kernel;
    }
}
