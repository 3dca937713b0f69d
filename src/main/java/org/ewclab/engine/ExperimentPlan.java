package org.ewclab.engine;

import java.util.ArrayList;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.i18n.Texts;

/**
 * The runs a preset asks for, in one fixed order: per seed (in the preset's order), the preset's methods, then its
 * sweep (each sweep method at each value of the swept knob, λ or another). The index of a run in this order names it across processes: {@code run
 * --shard i/n} runs a contiguous block of the indices, {@code merge} puts the shards' runs back in index order, so a
 * merged results.json lists its runs exactly as one unsharded run does.
 */
public final class ExperimentPlan {
    private ExperimentPlan() {
    }

    /**
     * One run: its index in the plan, its seed, its method (λ and knobs as the run uses them), whether it belongs to
     * the sweep, and for a sweep of another knob than λ which knob and value (null otherwise).
     */
    public record Unit(int index, long seed, MethodSpec method, boolean sweep, KnobPoint point) {
        /** A run that is not a knob sweep's. */
        public Unit(int index, long seed, MethodSpec method, boolean sweep) {
            this(index, seed, method, sweep, null);
        }
    }

    /** One run of a sweep: the method as it runs, and the knob's point (null for a λ sweep, recorded as always). */
    public record SweepRun(MethodSpec method, KnobPoint point) {
    }

    /**
     * The sweep's runs of one seed, in order: each sweep method, at each value. A λ sweep runs
     * {@code MethodSpec.of(method, λ)} as it always did; another knob's runs start from the method's entry in the
     * preset's methods (its λ and other knobs) or its defaults, with the knob set to the value.
     */
    public static List<SweepRun> sweepRuns(ExperimentPreset.SweepSpec sweep, List<MethodSpec> methods) {
        List<SweepRun> out = new ArrayList<>();
        if (sweep == null) {
            return out;
        }
        for (String method : sweep.methods()) {
            for (double v : sweep.knobValues()) {
                out.add(new SweepRun(PresetCodec.checkMethod(sweepMethod(method, sweep.knobName(), v, methods),
                        "sweep"), sweep.lambdaSweep() ? null
                        : new KnobPoint(sweep.knobName(), v, sweep.scaleName())));
            }
        }
        return out;
    }

    /** The first entry of {@code method} in the preset's methods, or the method with no settings (λ unset). */
    static MethodSpec sweepBase(String method, List<MethodSpec> methods) {
        for (MethodSpec m : methods) {
            if (m.method().equals(method)) {
                return m;
            }
        }
        return new MethodSpec(method, ExperimentPreset.hasLambda(method) ? null : 0.0);
    }

    /** The method one sweep run trains: λ as given (a λ sweep), or its base with {@code knob} set to {@code v}. */
    static MethodSpec sweepMethod(String method, String knob, double v, List<MethodSpec> methods) {
        if (ExperimentPreset.SweepSpec.LAMBDA.equals(knob)) {
            return MethodSpec.of(method, v);
        }
        MethodSpec base = sweepBase(method, methods);
        return new MethodSpec(method, base.lambda(), base.knobsOrNone().with(knob, v));
    }

    /** Shard {@code index} of {@code count} (1-based, as written on the command line: "2/4"). */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException(Texts.fmt("shard.range", index, count));
            }
        }

        /** Parses "i/n", e.g. "2/4"; throws IllegalArgumentException naming the problem. */
        public static Shard parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(Texts.fmt("shard.format", text));
            }
            int i;
            int n;
            try {
                i = Integer.parseInt(parts[0].trim());
                n = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Texts.fmt("shard.whole", text));
            }
            if (n < 1 || i < 1 || i > n) {
                throw new IllegalArgumentException(Texts.fmt("shard.textRange", text));
            }
            return new Shard(i, n);
        }

        /**
         * This shard's runs: the contiguous block [⌊(i−1)·N/n⌋, ⌊i·N/n⌋) of the plan's N runs. Contiguous, so a
         * shard meets few seeds and trains task A for few of them; the blocks' sizes differ by at most one.
         */
        public List<Unit> of(List<Unit> all) {
            int n = all.size();
            int from = (int) ((long) (index - 1) * n / count);
            int to = (int) ((long) index * n / count);
            return List.copyOf(all.subList(from, to));
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** Every run of the preset (validated), in plan order. */
    public static List<Unit> units(ExperimentPreset preset) {
        ExperimentPreset p = preset.validated();
        List<Unit> out = new ArrayList<>();
        for (long seed : p.seedList()) {
            for (MethodSpec m : p.methods()) {
                out.add(new Unit(out.size(), seed, m, false));
            }
            for (SweepRun r : sweepRuns(p.sweep(), p.methods())) {
                out.add(new Unit(out.size(), seed, r.method(), true, r.point()));
            }
        }
        return out;
    }
}
