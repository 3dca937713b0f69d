package org.ewclab.data;

import java.util.Objects;

/** One task of an experiment: a training set and a held-out test set with the same classes. */
public record TaskData(String name, Dataset train, Dataset test) {
    public TaskData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.featureCount() != test.featureCount()) {
            throw new IllegalArgumentException(name + ": train samples have " + train.featureCount()
                    + " inputs but test samples " + test.featureCount());
        }
    }

    public int classCount() {
        return train.classCount();
    }
}
