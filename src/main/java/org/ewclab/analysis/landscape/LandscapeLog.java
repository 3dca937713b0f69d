package org.ewclab.analysis.landscape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ewclab.engine.LabEvent;
import org.ewclab.engine.Trajectory;

/**
 * Keeps the latest recorded {@link Trajectory} of each method (what the Landscape view draws), in the order the runs
 * finished; a new first task forgets them all. Written on the trainer thread, read from any.
 */
public final class LandscapeLog implements Consumer<LabEvent> {
    private final Map<String, Trajectory> byMethod = new LinkedHashMap<>();

    @Override
    public synchronized void accept(LabEvent e) {
        if (e instanceof LabEvent.RunStarted s && "first-task".equals(s.colourKey())) {
            byMethod.clear();
        } else if (e instanceof LabEvent.TrajectoryRecorded t) {
            byMethod.remove(t.trajectory().method());
            byMethod.put(t.trajectory().method(), t.trajectory());
        }
    }

    public synchronized List<Trajectory> trajectories() {
        return new ArrayList<>(byMethod.values());
    }

    public synchronized void clear() {
        byMethod.clear();
    }
}
