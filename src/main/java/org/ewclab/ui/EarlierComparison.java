package org.ewclab.ui;

import java.util.List;
import org.ewclab.engine.RunResult;

/**
 * Runs of an earlier context, put aside when the context changed (another task B, other Fisher options, a new Train
 * A, a loaded checkpoint, another lesson, Reset). They are never mixed into the current charts, matrix, sweep or
 * export; the matrix tab lists them under their own caption until the user clears them.
 *
 * @param context   what the runs were trained in
 * @param runs      the Train B / Compare all runs, in the order they finished
 * @param sweepRuns the λ sweep's runs
 * @param why       what changed, in words (e.g. "task B fashion → permuted")
 */
public record EarlierComparison(RunContext context, List<RunResult> runs, List<RunResult> sweepRuns, String why) {

    public EarlierComparison {
        runs = List.copyOf(runs);
        sweepRuns = List.copyOf(sweepRuns);
    }

    /** A heading for the matrix tab, e.g. "Earlier comparison: mnist → fashion · … (put aside: task B …)". */
    public String caption() {
        return org.ewclab.i18n.Texts.fmt("matrix.earlierCaption", context.describe(), why);
    }

    /** Every run, lesson runs first. */
    public int size() {
        return runs.size() + sweepRuns.size();
    }
}
