package org.ewclab.analysis;

/**
 * Splits parameter drift θ − θ*_A into the weights EWC considers most important (top Fisher fraction) and the rest:
 * EWC holds the first still and lets the second move, plain moves both — the drift-density chart shows exactly that.
 *
 * @param important drift of the weights whose Fisher is in the top fraction
 * @param rest      drift of all other weights
 * @param threshold the Fisher value at the top-fraction boundary
 */
public record DriftSplit(float[] important, float[] rest, double threshold) {

    public static DriftSplit byFisher(float[] drift, float[] fisher, double topFraction) {
        if (drift.length != fisher.length) {
            throw new IllegalArgumentException(drift.length + " drifts but " + fisher.length + " Fisher values");
        }
        double threshold = Quantiles.topThreshold(fisher, topFraction);
        int n = 0;
        for (float f : fisher) {
            if (f >= threshold) {
                n++;
            }
        }
        float[] important = new float[n];
        float[] rest = new float[drift.length - n];
        int a = 0;
        int b = 0;
        for (int i = 0; i < drift.length; i++) {
            if (fisher[i] >= threshold) {
                important[a++] = drift[i];
            } else {
                rest[b++] = drift[i];
            }
        }
        return new DriftSplit(important, rest, threshold);
    }
}
