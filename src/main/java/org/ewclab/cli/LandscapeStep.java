package org.ewclab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.ewclab.analysis.landscape.Landscape;
import org.ewclab.analysis.landscape.LandscapeLog;
import org.ewclab.analysis.landscape.LandscapeRequest;
import org.ewclab.analysis.landscape.LandscapeView;
import org.ewclab.engine.ExperimentSession;
import org.ewclab.engine.LandscapeEvaluator;
import org.ewclab.engine.RunControl;
import org.ewclab.engine.Trajectory;
import org.ewclab.i18n.Texts;

/** {@code run --charts}: the loss landscape of the runs just trained, between plain and EWC where the lesson has both. */
final class LandscapeStep {
    private LandscapeStep() {
    }

    /** The landscape, or null (with a line on {@code err}) when the lesson has none to show. */
    static LandscapeView compute(ExperimentSession session, LandscapeLog log, PrintStream err) {
        List<Trajectory> runs = log.trajectories();
        if (session.firstTaskCheckpoint().isEmpty() || runs.size() < 2 || session.tasks().size() < 2) {
            return null;
        }
        LandscapeEvaluator ev = LandscapeEvaluator.of(session, session.firstTaskCheckpoint().get());
        if (ev.unsupportedReason() != null) {
            err.println("ewc-lab run: " + ev.unsupportedReason());
            return null;
        }
        String first = pick(runs, "plain", null);
        String second = pick(runs, "ewc", first);
        LandscapeRequest req = LandscapeRequest.defaults(first, second, LandscapeRequest.Mode.RUNS,
                session.preset().training().threads());
        try {
            LandscapeView v = Landscape.compute(runs, req, Landscape.of(ev, req, new RunControl()), null, null);
            StringBuilder overlaps = new StringBuilder();
            for (LandscapeView.FisherOverlap o : v.overlaps()) {
                overlaps.append(o.firstName()).append('/').append(o.secondName()).append(' ').append(
                        String.format(Locale.ROOT, "%.2f", o.overlap()[o.overlap().length - 1]));
            }
            err.println(Texts.fmt("run.landscape", req.gridSize(), req.gridSize(), v.grid().samples(),
                    v.gridSeconds(), overlaps));
            return v;
        } catch (IllegalArgumentException e) {
            err.println("ewc-lab run: " + Texts.fmt("landscape.failed", e.getMessage()));
            return null;
        }
    }

    /** The method wanted if it has a path, else the first other than {@code not}. */
    private static String pick(List<Trajectory> runs, String wanted, String not) {
        for (Trajectory t : runs) {
            if (t.method().equals(wanted) && !t.method().equals(not)) {
                return wanted;
            }
        }
        for (Trajectory t : runs) {
            if (!t.method().equals(not)) {
                return t.method();
            }
        }
        return runs.get(0).method();
    }
}
