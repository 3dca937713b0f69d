package org.ewclab.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named float tensors in plain Java (insertion-ordered), the engine's NDArray-free form for checkpoints and events. */
final class NamedTensors {
    private final Map<String, float[]> values;
    private final Map<String, int[]> shapes;

    NamedTensors(Map<String, float[]> values, Map<String, int[]> shapes) {
        this.values = new LinkedHashMap<>();
        this.shapes = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            this.values.put(e.getKey(), e.getValue().clone());
            this.shapes.put(e.getKey(), shapes.get(e.getKey()).clone());
        }
    }

    static NamedTensors empty() {
        return new NamedTensors(Map.of(), Map.of());
    }

    List<String> names() {
        return List.copyOf(values.keySet());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The stored array itself: callers must not modify it. */
    float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return v;
    }

    int[] shape(String name) {
        return shapes.get(name).clone();
    }

    Map<String, float[]> asMap() {
        return Collections.unmodifiableMap(values);
    }

    int size() {
        return values.size();
    }

    /** A builder-style mutable copy target. */
    static final class Builder {
        private final Map<String, float[]> values = new LinkedHashMap<>();
        private final Map<String, int[]> shapes = new LinkedHashMap<>();

        Builder put(String name, int[] shape, float[] data) {
            values.put(name, data);
            shapes.put(name, shape);
            return this;
        }

        NamedTensors build() {
            return new NamedTensors(values, shapes);
        }
    }
}
