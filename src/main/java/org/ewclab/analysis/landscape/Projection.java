package org.ewclab.analysis.landscape;

/**
 * Snapshots θ − θ*A seen in a plane through θ*A with orthonormal directions e1, e2: coordinates {@code u[i]},
 * {@code v[i]} (parameter-space distance) and {@code offPlane[i]}, the distance of the snapshot from the plane,
 * √(‖δ‖² − u² − v²). A path whose off-plane distance is large next to its in-plane length is not what the plane shows.
 */
public record Projection(float[] u, float[] v, float[] offPlane) {
    public int size() {
        return u.length;
    }

    /** The largest off-plane distance along the path. */
    public double maxOffPlane() {
        double m = 0;
        for (float f : offPlane) {
            m = Math.max(m, f);
        }
        return m;
    }
}
