package org.ewclab.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The lab's six kinds of chart with made-up but plausible data, for tests and for looking at. */
public final class SamplePlots {
    private SamplePlots() {
    }

    public static Map<String, Plot> all() {
        Map<String, Plot> m = new LinkedHashMap<>();
        m.put("forgetting", forgettingCurve());
        m.put("loss-100k", longLoss(100_000));
        m.put("fisher-histogram", fisherHistogram());
        m.put("drift-density", driftDensity());
        m.put("importance", importanceMap());
        m.put("accuracy-matrix", accuracyMatrix());
        m.put("stability-plasticity", stabilityPlasticity());
        return m;
    }

    /** Accuracy on task A and B over training for plain, L2 and EWC, with the task boundary at step 2000. */
    public static Plot forgettingCurve() {
        int n = 201;
        float[] steps = new float[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i * 20;
        }
        Random r = new Random(1);
        String[] methods = {"plain", "l2", "ewc"};
        float[] keepA = {0.28f, 0.62f, 0.91f};
        float[] learnB = {0.86f, 0.74f, 0.82f};
        Plot.Builder b = Plot.builder().title("Forgetting: accuracy while training task A, then task B")
                .subtitle("MLP 784-100-100-10 · Adam · λ = 400 · evaluated every 20 steps")
                .x(Axis.linear("training step", null))
                .y(Axis.linear("test accuracy", null).withRange(0, 1).withPercent(true))
                .verticalMarker(2000, "task B starts")
                .horizontalMarker(0.1, "chance");
        for (int m = 0; m < methods.length; m++) {
            float[] a = new float[n];
            float[] bb = new float[n];
            for (int i = 0; i < n; i++) {
                float t = steps[i];
                float accA = t < 2000 ? 0.1f + 0.87f * (1 - (float) Math.exp(-t / 300))
                        : keepA[m] + (0.97f - keepA[m]) * (float) Math.exp(-(t - 2000) / 250);
                a[i] = clamp(accA + (float) r.nextGaussian() * 0.008f);
                float accB = t < 2000 ? 0.08f + (float) r.nextGaussian() * 0.01f
                        : 0.1f + (learnB[m] - 0.1f) * (1 - (float) Math.exp(-(t - 2000) / 200));
                bb[i] = clamp(accB + (float) r.nextGaussian() * 0.008f);
            }
            String label = MethodColors.methodLabel(methods[m]);
            String color = MethodColors.method(methods[m]);
            b.add(Series.line(label + " · task A", steps, a, color));
            b.add(Series.line(label + " · task B", steps, bb, color).withDash(Series.Dash.DASHED));
        }
        return b.build();
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    /** A noisy cross-entropy curve with many points, and the EWC penalty beside it. */
    public static Plot longLoss(int n) {
        float[] x = new float[n];
        float[] ce = new float[n];
        float[] pen = new float[n];
        Random r = new Random(2);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            double t = i / (double) n;
            ce[i] = (float) (2.3 * Math.exp(-t * 8) + 0.15 + Math.abs(r.nextGaussian()) * 0.12
                    + (i > n / 2 ? 1.4 * Math.exp(-(i - n / 2) / (n * 0.03)) : 0));
            pen[i] = i < n / 2 ? 0 : (float) (0.35 * (1 - Math.exp(-(i - n / 2) / (n * 0.05)))
                    + r.nextGaussian() * 0.01);
        }
        return Plot.builder().title("Loss on the training batch")
                .x(Axis.linear("training step", null)).y(Axis.linear("loss", "nats").withMin(0))
                .add(Series.line("EWC · cross-entropy", x, ce, MethodColors.EWC))
                .add(Series.line("EWC · penalty (λ/2)·ΣF(θ−θ*)²", x, pen, MethodColors.EWC)
                        .withDash(Series.Dash.DASHED))
                .verticalMarker(n / 2, "task B starts")
                .build();
    }

    /** Histograms of F per layer on a log10 axis, quantile markers, and λ·F as a second axis. */
    public static Plot fisherHistogram() {
        Random r = new Random(3);
        int bins = 40;
        float[] edges = new float[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = (float) Math.pow(10, -10 + i * 10.0 / bins);
        }
        float[][] counts = new float[2][bins];
        double[][] centers = {{-5.5, 1.1}, {-4.2, 0.8}};
        List<Double> all = new ArrayList<>();
        for (int layer = 0; layer < 2; layer++) {
            int samples = layer == 0 ? 78_400 : 10_000;
            for (int k = 0; k < samples; k++) {
                double lg = centers[layer][0] + r.nextGaussian() * centers[layer][1];
                all.add(lg);
                int bin = (int) Math.floor((lg + 10) * bins / 10.0);
                if (bin >= 0 && bin < bins) {
                    counts[layer][bin]++;
                }
            }
        }
        all.sort(null);
        double q50 = Math.pow(10, all.get(all.size() / 2));
        double q90 = Math.pow(10, all.get(all.size() * 9 / 10));
        double q99 = Math.pow(10, all.get(all.size() * 99 / 100));
        double lambda = 1000;
        return Plot.builder().title("Fisher information per weight (task A)")
                .subtitle("diagonal Fisher, per-sample gradients, sampled labels, 1,000 samples")
                .x(Axis.log10("F", null).withSecondary(new Axis.Secondary("λ·F at λ = 10³", null, lambda, 0)))
                .y(Axis.linear("weights", "count"))
                .add(Series.bars("layer 1 (784×100)", edges, counts[0], MethodColors.task(2)))
                .add(Series.bars("layer 2 (100×100)", edges, counts[1], MethodColors.task(4)))
                .marker(Marker.vertical(q50, "median"))
                .marker(Marker.vertical(q90, "90%"))
                .marker(Marker.vertical(q99, "99%"))
                .legend(Plot.Legend.INSIDE_TOP_LEFT)
                .build();
    }

    /** KDE of θ − θ*_A for the three methods: EWC stays close, plain wanders. */
    public static Plot driftDensity() {
        int n = 301;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -0.3f + 0.6f * i / (n - 1);
        }
        Plot.Builder b = Plot.builder().title("How far the weights moved from θ*_A while learning task B")
                .subtitle("kernel density of θ − θ*_A over all 89,610 weights")
                .x(Axis.linear("θ − θ*_A", null)).y(Axis.linear("density", null))
                .legend(Plot.Legend.INSIDE_TOP_RIGHT);
        String[] methods = {"plain", "l2", "ewc"};
        double[] sd = {0.085, 0.045, 0.022};
        for (int m = 0; m < 3; m++) {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = (float) (Math.exp(-x[i] * x[i] / (2 * sd[m] * sd[m])) / (sd[m] * Math.sqrt(2 * Math.PI)));
            }
            b.add(Series.density(MethodColors.methodLabel(methods[m]), x, y, MethodColors.method(methods[m])));
        }
        return b.verticalMarker(0, "θ*_A").build();
    }

    /** First-layer Fisher summed per input pixel, with three sample digits. */
    public static Plot importanceMap() {
        float[] v = new float[28 * 28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                double dr = (r - 14) / 6.0;
                double dc = (c - 14) / 5.0;
                double ring = Math.exp(-Math.pow(Math.hypot(dr, dc) - 1.2, 2) * 4);
                v[r * 28 + c] = (float) ((r < 3 || r > 24 || c < 3 || c > 24) ? 0 : ring * 0.8 + 0.05
                        * Math.exp(-(dr * dr + dc * dc)));
            }
        }
        Plot.Builder b = Plot.builder().title("Which pixels task A's weights depend on")
                .subtitle("first-layer Fisher information summed per input pixel")
                .heatMap(HeatMap.of(28, 28, v).withScaleLabel("Σ F per pixel"));
        for (int d = 0; d < 3; d++) {
            b.tile(ImageTile.grey("digit " + new int[] {0, 1, 7}[d], 28, 28, digit(d)));
        }
        return b.build();
    }

    private static float[] digit(int which) {
        float[] p = new float[28 * 28];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                double v;
                if (which == 0) {
                    v = 1 - Math.abs(Math.hypot((r - 14) / 9.0, (c - 14) / 6.0) - 1) * 6;
                } else if (which == 1) {
                    v = 1 - Math.abs(c - 14 - (14 - r) * 0.15) / 1.6;
                    v = r < 4 || r > 24 ? 0 : v;
                } else {
                    double top = 1 - Math.abs(r - 6) / 1.5;
                    double stem = 1 - Math.abs(c - (20 - (r - 6) * 0.45)) / 1.6;
                    v = Math.max(c > 7 && c < 22 ? top : 0, r >= 6 && r < 25 ? stem : 0);
                }
                p[r * 28 + c] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return p;
    }

    /** accuracy[i][j] after training task i, on task j, written in the cells. */
    public static Plot accuracyMatrix() {
        float[] acc = {0.97f, 0.09f, 0.35f, 0.84f};
        return Plot.builder().title("Accuracy matrix — plain")
                .subtitle("BWT = −0.62 · forgetting of task A = 0.62")
                .x(Axis.linear("evaluated on", null)).y(Axis.linear("after training", null))
                .heatMap(HeatMap.of(2, 2, acc).withRange(0, 1).withCellFormat("%.2f")
                        .withLabels(List.of("task A (digits)", "task B (clothes)"), List.of("task A", "task B"))
                        .withScaleLabel("accuracy"))
                .build();
    }

    /** Accuracy on A against accuracy on B for a λ sweep, each point labelled with its λ. */
    public static Plot stabilityPlasticity() {
        int n = 7;
        float[] a = new float[n];
        float[] bAcc = new float[n];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            a[i] = (float) (0.30 + 0.65 * (1 / (1 + Math.exp(-(t - 0.5) * 9))));
            bAcc[i] = (float) (0.87 - 0.55 * Math.pow(t, 3));
            labels.add("λ=1e" + i);
        }
        float[] la = new float[n];
        float[] lb = new float[n];
        for (int i = 0; i < n; i++) {
            la[i] = a[i] * 0.85f + 0.03f;
            lb[i] = bAcc[i] * 0.97f;
        }
        return Plot.builder().title("Stability–plasticity trade-off (λ sweep)")
                .x(Axis.linear("accuracy on task A (remembering)", null).withPercent(true))
                .y(Axis.linear("accuracy on task B (learning)", null).withPercent(true))
                .add(Series.scatter("EWC", a, bAcc, labels, MethodColors.EWC).withConnected(true))
                .add(Series.scatter("L2", la, lb, MethodColors.L2).withConnected(true))
                .add(Series.scatter("Plain", new float[] {0.28f}, new float[] {0.88f}, MethodColors.PLAIN))
                .legend(Plot.Legend.INSIDE_BOTTOM_LEFT)
                .build();
    }
}
