package org.ewclab.engine;

/** Package-private views of engine objects for the tests. */
final class TestAccess {
    private TestAccess() {
    }

    static NamedTensors fisher(TaskCheckpoint cp, int task) {
        return cp.fisherPerTask().get(task);
    }

    static NamedTensors anchor(TaskCheckpoint cp, int task) {
        return cp.anchorsPerTask().get(task);
    }
}
