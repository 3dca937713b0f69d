package org.ewclab.analysis;

/** Per-input-pixel importance from the first layer's Fisher, for the 28×28 heat map. */
public final class ImportanceImage {
    private ImportanceImage() {
    }

    /**
     * Sums the Fisher of a first fully connected layer's weight over its output units, giving one value per input.
     * DJL stores a Linear weight as [outputs, inputs], row-major.
     */
    public static float[] perInput(float[] firstLayerWeightFisher, int outputs, int inputs) {
        if (firstLayerWeightFisher.length != (long) outputs * inputs) {
            throw new IllegalArgumentException("Fisher of " + firstLayerWeightFisher.length + " values is not "
                    + outputs + "×" + inputs);
        }
        float[] out = new float[inputs];
        for (int o = 0; o < outputs; o++) {
            int base = o * inputs;
            for (int i = 0; i < inputs; i++) {
                out[i] += firstLayerWeightFisher[base + i];
            }
        }
        return out;
    }
}
