package org.ewclab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ewclab.engine.ExperimentPreset.ModelSpec;

/**
 * The lab's networks, written as explicit tensor code over named parameters rather than DJL blocks: every tensor has a
 * stable PyTorch-style name ({@code fc1.weight}, {@code bn1.running_mean}), BatchNorm's two modes are an argument of
 * {@link #forward}, and several heads share one trunk. MLP: {@code [Linear → activation → BatchNorm1d?]×L → Linear};
 * CNN: {@code conv 3×3 → ReLU → max-pool 2 → [Linear → activation → BatchNorm?]×L → Linear}.
 */
final class Network implements AutoCloseable {
    private static final float BN_EPS = 1e-5f;
    /** DJL's convention (1 − PyTorch's 0.1): running = 0.9·running + 0.1·batch. */
    private static final float BN_MOMENTUM = 0.9f;

    private final NDManager manager;
    private final ModelSpec spec;
    private final int inputs;
    private final int height;
    private final int width;
    private final int[] headClasses;
    private final boolean multiHead;
    private final int hiddenLayers;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    /** {@link #gradient}'s handles, made at first use after a backward pass; closed with the network's manager. */
    private final Map<String, NDArray> gradients = new java.util.HashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    /** Values to start from instead of the seeded init (a checkpoint), or null. */
    private final NamedTensors state;

    /**
     * @param taskClasses the class count of each task: one head of max(classes) outputs, or one head per task
     */
    Network(NDManager parent, ModelSpec spec, int inputs, int height, int width, int[] taskClasses, long seed,
            NamedTensors state) {
        this.state = state;
        this.manager = parent.newSubManager();
        this.spec = spec;
        this.inputs = inputs;
        this.height = height;
        this.width = width;
        this.multiHead = spec.multiHead();
        this.headClasses = heads(spec, taskClasses);
        this.hiddenLayers = spec.hidden().size();
        Random rng = new Random(seed);
        for (Map.Entry<String, int[]> e : layout(spec, height, width, inputs, headClasses).entrySet()) {
            String name = e.getKey();
            int[] shape = e.getValue();
            if (name.startsWith("bn")) {
                float value = name.endsWith(".weight") || name.endsWith(".running_var") ? 1f : 0f;
                addConstant(name.contains("running") ? buffers : params, name, shape[0], value);
            } else {
                String weight = name.substring(0, name.lastIndexOf('.')) + ".weight";
                int[] ws = weight.equals(name) ? shape : shapesOf(spec, height, width, inputs, headClasses, weight);
                addUniform(name, shape, Network.count(ws) / ws[0], rng);
            }
        }
    }

    private static int[] shapesOf(ModelSpec spec, int height, int width, int inputs, int[] heads, String name) {
        return layout(spec, height, width, inputs, heads).get(name);
    }

    /**
     * The names and shapes of every tensor, in network order (what a checkpoint must match). {@code heads} holds
     * the output count of each head.
     */
    static Map<String, int[]> layout(ModelSpec spec, int height, int width, int inputs, int[] heads) {
        Map<String, int[]> out = new LinkedHashMap<>();
        int in = inputs;
        if ("cnn".equals(spec.type())) {
            int c = spec.convChannels();
            out.put("conv1.weight", new int[] {c, 1, 3, 3});
            out.put("conv1.bias", new int[] {c});
            in = c * ((height - 2) / 2) * ((width - 2) / 2);
        }
        int hidden = spec.hidden().size();
        for (int i = 0; i < hidden; i++) {
            int units = spec.hidden().get(i);
            out.put("fc" + (i + 1) + ".weight", new int[] {units, in});
            out.put("fc" + (i + 1) + ".bias", new int[] {units});
            if (spec.batchNorm()) {
                for (String part : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                    out.put("bn" + (i + 1) + "." + part, new int[] {units});
                }
            }
            in = units;
        }
        for (int h = 0; h < heads.length; h++) {
            String name = spec.multiHead() ? "head" + (h + 1) : "fc" + (hidden + 1);
            out.put(name + ".weight", new int[] {heads[h], in});
            out.put(name + ".bias", new int[] {heads[h]});
        }
        return out;
    }

    /** Output count of each head: one per task (multi-head) or one of the largest class count. */
    static int[] heads(ModelSpec spec, int[] taskClasses) {
        if (spec.multiHead()) {
            return taskClasses.clone();
        }
        int max = 0;
        for (int c : taskClasses) {
            max = Math.max(max, c);
        }
        return new int[] {max};
    }

    /** A string that two networks share exactly when their tensor names and shapes agree. */
    static String key(Map<String, int[]> layout) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, int[]> e : layout.entrySet()) {
            sb.append(e.getKey()).append(java.util.Arrays.toString(e.getValue())).append(';');
        }
        return sb.toString();
    }

    String key() {
        return key(shapes);
    }

    boolean isConvolutional() {
        return isCnn();
    }

    private boolean isCnn() {
        return "cnn".equals(spec.type());
    }

    private String headName(int h) {
        return multiHead ? "head" + (h + 1) : "fc" + (hiddenLayers + 1);
    }

    /** The head that serves task {@code task}. */
    int head(int task) {
        return multiHead ? task : 0;
    }

    int classes(int task) {
        return headClasses[head(task)];
    }

    /**
     * PyTorch's default init (kaiming-uniform with a=√5 ⇒ U(±1/√fan_in) for weights and biases), drawn from a seeded
     * java.util.Random so that the same seed gives the same network on every machine and engine.
     */
    private void addUniform(String name, int[] shape, int fanIn, Random rng) {
        int n = count(shape);
        float bound = (float) (1 / Math.sqrt(fanIn));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        params.put(name, create(name, shape, v, true));
        shapes.put(name, shape);
    }

    private NDArray create(String name, int[] shape, float[] init, boolean trainable) {
        float[] v = init;
        if (state != null) {
            if (!state.has(name) || count(state.shape(name)) != count(shape)) {
                throw new IllegalArgumentException("the checkpoint has no tensor " + name + " of shape "
                        + java.util.Arrays.toString(shape));
            }
            v = state.get(name);
        }
        NDArray a = Tensors.upload(manager, v, new Shape(toLong(shape)));
        if (trainable) {
            a.setRequiresGradient(true);
        }
        return a;
    }

    private void addConstant(Map<String, NDArray> into, String name, int n, float value) {
        shapes.put(name, new int[] {n});
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        into.put(name, create(name, new int[] {n}, v, into == params));
    }

    /**
     * Logits of head {@code head} for a batch {@code x} of shape (B, inputs).
     *
     * @param bnTraining BatchNorm in training mode: normalise by the batch and update the running statistics; false:
     *     normalise by the running statistics and leave them alone (evaluation, Fisher, and "frozen" later tasks,
     *     where γ and β still learn)
     */
    NDArray forward(NDArray x, int head, boolean bnTraining) {
        NDArray h = x;
        if (isCnn()) {
            long b = x.getShape().get(0);
            h = h.reshape(b, 1, height, width);
            h = Conv2d.conv2d(h, params.get("conv1.weight"), params.get("conv1.bias")).singletonOrThrow();
            h = Activation.relu(h);
            h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            h = h.reshape(b, -1);
        }
        for (int i = 0; i < hiddenLayers; i++) {
            String fc = "fc" + (i + 1);
            h = Linear.linear(h, params.get(fc + ".weight"), params.get(fc + ".bias")).singletonOrThrow();
            h = activate(h);
            if (spec.batchNorm()) {
                String bn = "bn" + (i + 1);
                NDList out = h.getNDArrayInternal().batchNorm(h, buffers.get(bn + ".running_mean"),
                        buffers.get(bn + ".running_var"), params.get(bn + ".weight"), params.get(bn + ".bias"), -1,
                        BN_MOMENTUM, BN_EPS, bnTraining);
                h = out.singletonOrThrow();
            }
        }
        String name = headName(head);
        return Linear.linear(h, params.get(name + ".weight"), params.get(name + ".bias")).singletonOrThrow();
    }

    /**
     * One tensor's per-sample gradient ingredients: for a linear layer, the layer's input rows h_i and the probe on
     * its output (whose gradient is dL_i/dz_i), so that g_i(W) = δ_i ⊗ h_i and g_i(b) = δ_i; for BatchNorm, the
     * normalised input x̂_i and the probe on its output, so that g_i(γ) = δ_i ⊙ x̂_i and g_i(β) = δ_i; for the
     * convolution ({@code conv}), the unfolded input U_i (3·3 × positions: each output position's 3×3 patch, "im2col")
     * and the probe on its output, so that g_i(W) = δ_i·U_iᵀ (channels × 3·3) and g_i(b) = δ_i summed over positions.
     */
    record Probe(String weight, String bias, NDArray input, NDArray probe, boolean batchNorm, boolean conv) {
        Probe(String weight, String bias, NDArray input, NDArray probe, boolean batchNorm) {
            this(weight, bias, input, probe, batchNorm, false);
        }
    }

    /**
     * The 3×3 patches of single-channel images (B, 1, H, W) as columns: (B, 9, (H−2)·(W−2)), row k = 3·ky + kx
     * holding the pixel at offset (ky, kx) of every output position — the convolution is then W (C×9) times this.
     */
    static NDArray unfold3x3(NDArray images) {
        long b = images.getShape().get(0);
        // one convolution with the nine one-hot 3×3 kernels: output channel k = 3·ky + kx is the pixel at (ky, kx)
        float[] eye = new float[9 * 9];
        for (int k = 0; k < 9; k++) {
            eye[k * 9 + k] = 1f;
        }
        NDArray kernels = Tensors.upload(images.getManager(), eye, new Shape(9, 1, 3, 3));
        return Conv2d.conv2d(images, kernels).singletonOrThrow().reshape(b, 9, -1);
    }

    /**
     * Eval-mode forward of the network with detached parameters and a zero "probe" added after every linear layer and
     * BatchNorm, so that one backward pass of Σ_i loss_i yields every sample's own gradient (samples do not interact
     * in eval mode). Used by the vectorised per-sample Fisher.
     */
    NDArray forwardProbed(NDArray x, int head, List<Probe> probes) {
        NDArray h = x;
        if (isCnn()) {
            // the convolution runs outside the graph; the probe sits on its output z, so that one backward pass of
            // Σ_i loss_i through ReLU and max-pool (torch's batched kernels) gives every sample's δ at z
            long b = x.getShape().get(0);
            NDArray img = h.reshape(b, 1, height, width);
            NDArray z = Conv2d.conv2d(img, params.get("conv1.weight").stopGradient(),
                    params.get("conv1.bias").stopGradient()).singletonOrThrow().stopGradient();
            NDArray probe = z.zerosLike();
            probe.setRequiresGradient(true);
            probes.add(new Probe("conv1.weight", "conv1.bias", unfold3x3(img), probe, false, true));
            h = Pool.maxPool2d(Activation.relu(z.add(probe)), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0),
                    false).reshape(b, -1);
        }
        for (int i = 0; i < hiddenLayers; i++) {
            String fc = "fc" + (i + 1);
            h = probedLinear(h, fc, probes);
            h = activate(h);
            if (spec.batchNorm()) {
                String bn = "bn" + (i + 1);
                NDArray mean = buffers.get(bn + ".running_mean");
                NDArray std = buffers.get(bn + ".running_var").add(BN_EPS).sqrt();
                NDArray xhat = h.sub(mean).div(std);
                NDArray y = xhat.mul(params.get(bn + ".weight").stopGradient())
                        .add(params.get(bn + ".bias").stopGradient());
                NDArray probe = y.zerosLike();
                probe.setRequiresGradient(true);
                probes.add(new Probe(bn + ".weight", bn + ".bias", xhat, probe, true));
                h = y.add(probe);
            }
        }
        return probedLinear(h, headName(head), probes);
    }

    private NDArray probedLinear(NDArray h, String layer, List<Probe> probes) {
        NDArray z = Linear.linear(h, params.get(layer + ".weight").stopGradient(),
                params.get(layer + ".bias").stopGradient()).singletonOrThrow();
        NDArray probe = z.zerosLike();
        probe.setRequiresGradient(true);
        probes.add(new Probe(layer + ".weight", layer + ".bias", h, probe, false));
        return z.add(probe);
    }

    private NDArray activate(NDArray h) {
        switch (spec.activation()) {
            case "tanh":
                return Activation.tanh(h);
            case "sigmoid":
                return Activation.sigmoid(h);
            default:
                return Activation.relu(h);
        }
    }

    /** Trainable parameters in network order. */
    Map<String, NDArray> parameters() {
        return params;
    }

    NDArray parameter(String name) {
        return params.get(name);
    }

    /**
     * The gradient of parameter {@code name} after a backward pass, as one handle per parameter kept for the network's
     * life: PyTorch accumulates every later backward into the same storage in place, and the optimizer's fused update
     * and {@code zeroGrad} zero it in place, so the handle stays the gradient (GradientHandleTest checks it). A fresh
     * {@code getGradient()} per tensor and step costs three native calls (requires-grad check, the handle, its release
     * when the step's scope closes); the training step asks for every gradient once or twice. Call only after a
     * backward pass that reached the parameter: before it, PyTorch has no gradient tensor to hold.
     */
    NDArray gradient(String name) {
        NDArray g = gradients.get(name);
        if (g == null) {
            NDArray p = params.get(name);
            g = ai.djl.pytorch.jni.JniUtils.getGradient((ai.djl.pytorch.engine.PtNDArray) p);
            if (g == null) {
                return p.getGradient(); // no backward has reached it yet: DJL's stand-in zeros, not kept
            }
            ai.djl.ndarray.NDScope.unregister(g);
            gradients.put(name, g);
        }
        return g;
    }

    /** Whether {@link #gradient} holds this parameter's own gradient tensor (a backward pass has reached it). */
    boolean hasGradient(String name) {
        return gradients.containsKey(name);
    }

    /** The trainable parameters task {@code task} uses: the trunk and its head (other heads are not in its graph). */
    List<String> activeParameters(int task) {
        List<String> out = new ArrayList<>();
        String prefix = headName(head(task)) + ".";
        for (String name : params.keySet()) {
            boolean isHead = multiHead ? name.startsWith("head") : name.startsWith("fc" + (hiddenLayers + 1) + ".");
            if (!isHead || name.startsWith(prefix)) {
                out.add(name);
            }
        }
        return out;
    }

    int[] shape(String name) {
        return shapes.get(name).clone();
    }

    /** The name of the first layer's weight if it sees each input separately (an MLP), else null. */
    String firstLayerWeight() {
        if (isCnn()) {
            return null;
        }
        return hiddenLayers > 0 ? "fc1.weight" : headName(0) + ".weight";
    }

    int inputs() {
        return inputs;
    }

    ModelSpec spec() {
        return spec;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    boolean multiHead() {
        return multiHead;
    }

    /** The class count of each task as given at construction (one entry per head, or the one shared head's). */
    int[] taskClasses() {
        return headClasses.clone();
    }

    /** Parameters and BatchNorm statistics as plain arrays. */
    NamedTensors export() {
        NamedTensors.Builder b = new NamedTensors.Builder();
        for (String name : shapes.keySet()) {
            NDArray a = params.containsKey(name) ? params.get(name) : buffers.get(name);
            b.put(name, shapes.get(name), a.toFloatArray());
        }
        return b.build();
    }

    NDManager manager() {
        return manager;
    }

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
