package org.ewclab.engine;

import java.util.ArrayList;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.i18n.Texts;

/**
 * The runs a preset asks for, in one fixed order: per seed (in the preset's order), the preset's methods, then its
 * λ sweep (each sweep method at each λ). The index of a run in this order names it across processes: {@code run
 * --shard i/n} runs a contiguous block of the indices, {@code merge} puts the shards' runs back in index order, so a
 * merged results.json lists its runs exactly as one unsharded run does.
 */
public final class ExperimentPlan {
    private ExperimentPlan() {
    }

    /** One run: its index in the plan, its seed, its method and λ, whether it belongs to the sweep. */
    public record Unit(int index, long seed, MethodSpec method, boolean sweep) {
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
            if (p.sweep() != null) {
                for (String method : p.sweep().methods()) {
                    for (double lambda : p.sweep().lambdas()) {
                        out.add(new Unit(out.size(), seed, MethodSpec.of(method, lambda), true));
                    }
                }
            }
        }
        return out;
    }
}
