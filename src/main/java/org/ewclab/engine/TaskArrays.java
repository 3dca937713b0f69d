package org.ewclab.engine;

import org.ewclab.data.Dataset;
import org.ewclab.data.TaskData;

/** One task as flat float matrices (pixels scaled to 0..1) and int labels, converted once per session. */
record TaskArrays(String name, float[] trainX, int[] trainY, float[] testX, int[] testY, int features, int classes,
        int height, int width) {

    static TaskArrays of(TaskData t) {
        Dataset train = t.train();
        Dataset test = t.test();
        int h = train.isImage() ? train.height() : 1;
        int w = train.isImage() ? train.width() : train.featureCount();
        int classes = Math.max(train.classCount(), test.classCount());
        return new TaskArrays(t.name(), train.toFloats(), train.labels(), test.toFloats(), test.labels(),
                train.featureCount(), classes, h, w);
    }

    /** The same task with every label shifted by {@code offset} (class-IL on a wider head); 0 leaves it as it is. */
    TaskArrays withLabelOffset(int offset) {
        if (offset == 0) {
            return this;
        }
        int[] tr = trainY.clone();
        int[] te = testY.clone();
        for (int i = 0; i < tr.length; i++) {
            tr[i] += offset;
        }
        for (int i = 0; i < te.length; i++) {
            te[i] += offset;
        }
        return new TaskArrays(name, trainX, tr, testX, te, features, classes + offset, height, width);
    }

    int trainSize() {
        return trainY.length;
    }

    int testSize() {
        return testY.length;
    }
}
