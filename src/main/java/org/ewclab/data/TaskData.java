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

    /**
     * A SHA-256 hex digest of the task's data: its training and its test samples ({@link Dataset#contentHash}, each
     * independent of sample order and names). Equal hashes mean the same samples with the same labels.
     */
    public String contentHash() {
        java.security.MessageDigest d = Dataset.sha256();
        d.update(train.contentHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        d.update((byte) '/');
        d.update(test.contentHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return Dataset.hex(d.digest());
    }
}
