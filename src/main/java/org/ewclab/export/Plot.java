package org.ewclab.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one chart shows, as plain immutable data: the single input of the painter, and so of the window, the
 * PNG, the SVG and the CSV. A plot is either an x-y plot ({@code series} and {@code markers} on {@code x}/{@code y}
 * axes) or a heat map ({@code heatMap}, with the axes giving the titles of its columns and rows), optionally with
 * {@code tiles} — small images — beside it.
 *
 * <p>A plot may instead be a row (or grid) of {@code panels}: x-y plots drawn side by side under one title and
 * subtitle, e.g. one panel per method on shared axes. A plot with panels has no series, heat map or tiles of its own.
 *
 * <p>Series names are unique within a plot: the legend toggles series by name. Series without a colour get the next
 * unused colour of {@link MethodColors#FALLBACK}.
 */
public record Plot(String title, String subtitle, Axis x, Axis y, List<Series> series, List<Marker> markers,
                   HeatMap heatMap, List<ImageTile> tiles, Legend legend, List<Plot> panels, Table table) {

    /** A plot without panels. */
    public Plot(String title, String subtitle, Axis x, Axis y, List<Series> series, List<Marker> markers,
            HeatMap heatMap, List<ImageTile> tiles, Legend legend) {
        this(title, subtitle, x, y, series, markers, heatMap, tiles, legend, List.of(), null);
    }

    /** A plot whose CSV is the drawn data. */
    public Plot(String title, String subtitle, Axis x, Axis y, List<Series> series, List<Marker> markers,
            HeatMap heatMap, List<ImageTile> tiles, Legend legend, List<Plot> panels) {
        this(title, subtitle, x, y, series, markers, heatMap, tiles, legend, panels, null);
    }

    /**
     * The data behind a chart as a table, written as its CSV instead of the drawn series when a chart draws a summary
     * of it (e.g. histograms of three importance measures, whose CSV holds the measures of every parameter side by
     * side). Each column is a {@code String[]}, {@code float[]} or {@code int[]} of {@code rows} entries.
     */
    public record Table(List<String> header, int rows, List<Object> columns) {
        public Table {
            header = List.copyOf(header);
            columns = List.copyOf(columns);
            if (header.size() != columns.size()) {
                throw new IllegalArgumentException(header.size() + " column names for " + columns.size() + " columns");
            }
            for (int c = 0; c < columns.size(); c++) {
                Object col = columns.get(c);
                int n = col instanceof String[] a ? a.length : col instanceof float[] a ? a.length
                        : col instanceof int[] a ? a.length : -1;
                if (n != rows) {
                    throw new IllegalArgumentException("column '" + header.get(c) + "' must be a String[], float[] or"
                            + " int[] of " + rows + " entries");
                }
            }
        }
    }

    /** Where the legend goes. Outside positions never cover data; inside ones leave the plot area wider. */
    public enum Legend {
        NONE, TOP, RIGHT, INSIDE_TOP_RIGHT, INSIDE_TOP_LEFT, INSIDE_BOTTOM_RIGHT, INSIDE_BOTTOM_LEFT
    }

    public Plot {
        title = title == null ? "" : title;
        subtitle = subtitle == null ? "" : subtitle;
        x = x == null ? Axis.linear("", null) : x;
        y = y == null ? Axis.linear("", null) : y;
        series = withDefaultColors(series == null ? List.of() : series);
        markers = markers == null ? List.of() : List.copyOf(markers);
        tiles = tiles == null ? List.of() : List.copyOf(tiles);
        legend = legend == null ? Legend.TOP : legend;
        panels = panels == null ? List.of() : List.copyOf(panels);
        if (!panels.isEmpty() && (!series.isEmpty() || heatMap != null || !tiles.isEmpty())) {
            throw new IllegalArgumentException("a plot with panels draws only its panels: no series, heat map or"
                    + " tiles of its own");
        }
        for (Plot p : panels) {
            if (p.isHeatMap() || !p.panels().isEmpty()) {
                throw new IllegalArgumentException("panel '" + p.title() + "' must be an x-y plot");
            }
        }
        Set<String> names = new HashSet<>();
        for (Series s : series) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two series are named '" + s.name()
                        + "'; names must be unique (the legend toggles series by name)");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isHeatMap() {
        return heatMap != null;
    }

    /** Whether this plot is a set of panels drawn side by side. */
    public boolean hasPanels() {
        return !panels.isEmpty();
    }

    /** The same plot with the named series hidden (and every other series as it was). */
    public Plot withHidden(Set<String> hiddenNames) {
        if (hiddenNames.isEmpty()) {
            return this;
        }
        if (hasPanels()) {
            return new Plot(title, subtitle, x, y, series, markers, heatMap, tiles, legend,
                    panels.stream().map(p -> p.withHidden(hiddenNames)).toList(), table);
        }
        List<Series> out = new ArrayList<>(series.size());
        for (Series s : series) {
            out.add(hiddenNames.contains(s.name()) ? s.withVisible(false) : s);
        }
        return new Plot(title, subtitle, x, y, out, markers, heatMap, tiles, legend, panels, table);
    }

    public Plot withSeries(List<Series> newSeries) {
        return new Plot(title, subtitle, x, y, newSeries, markers, heatMap, tiles, legend, panels, table);
    }

    /** The same plot with another title (the guide names its small pictures beside them). */
    public Plot withTitle(String newTitle) {
        return new Plot(newTitle, subtitle, x, y, series, markers, heatMap, tiles, legend, panels);
    }

    /** The same plot with another subtitle (the window moves one that has no room into the chart's tooltip). */
    public Plot withSubtitle(String newSubtitle) {
        return new Plot(title, newSubtitle, x, y, series, markers, heatMap, tiles, legend, panels);
    }

    public Plot withLegend(Legend position) {
        return new Plot(title, subtitle, x, y, series, markers, heatMap, tiles, position, panels, table);
    }

    private static List<Series> withDefaultColors(List<Series> in) {
        Set<String> used = new HashSet<>();
        for (Series s : in) {
            Objects.requireNonNull(s, "series");
            if (s.style().color() != null) {
                used.add(s.style().color().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<Series> out = new ArrayList<>(in.size());
        int next = 0;
        for (Series s : in) {
            if (s.style().color() == null) {
                List<String> palette = MethodColors.FALLBACK;
                String c = palette.get(next % palette.size());
                for (int tries = 0; tries < palette.size() && used.contains(c); tries++) {
                    next++;
                    c = palette.get(next % palette.size());
                }
                next++;
                used.add(c);
                s = s.withColor(c);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Collects the parts of a plot; {@link #build()} checks them. */
    public static final class Builder {
        private String title = "";
        private String subtitle = "";
        private Axis x = Axis.linear("", null);
        private Axis y = Axis.linear("", null);
        private final List<Series> series = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();
        private HeatMap heatMap;
        private final List<ImageTile> tiles = new ArrayList<>();
        private Legend legend = Legend.TOP;
        private final List<Plot> panels = new ArrayList<>();
        private Table table;

        private Builder() {
        }

        public Builder title(String t) {
            title = t;
            return this;
        }

        public Builder subtitle(String s) {
            subtitle = s;
            return this;
        }

        public Builder x(Axis a) {
            x = a;
            return this;
        }

        public Builder y(Axis a) {
            y = a;
            return this;
        }

        public Builder add(Series s) {
            series.add(s);
            return this;
        }

        public Builder line(String name, float[] xs, float[] ys, String color) {
            return add(Series.line(name, xs, ys, color));
        }

        public Builder marker(Marker m) {
            markers.add(m);
            return this;
        }

        /** A dashed vertical line at x with a label, e.g. {@code verticalMarker(1000, "task B starts")}. */
        public Builder verticalMarker(double xValue, String label) {
            return marker(Marker.vertical(xValue, label));
        }

        public Builder horizontalMarker(double yValue, String label) {
            return marker(Marker.horizontal(yValue, label));
        }

        public Builder heatMap(HeatMap h) {
            heatMap = h;
            return this;
        }

        public Builder tile(ImageTile t) {
            tiles.add(t);
            return this;
        }

        public Builder legend(Legend l) {
            legend = l;
            return this;
        }

        /** Adds a panel (an x-y plot drawn beside the others under this plot's title). */
        public Builder panel(Plot p) {
            panels.add(p);
            return this;
        }

        /** The data the CSV holds instead of the drawn series (see {@link Table}). */
        public Builder table(Table t) {
            table = t;
            return this;
        }

        public Plot build() {
            return new Plot(title, subtitle, x, y, series, markers, heatMap, tiles, legend, panels, table);
        }
    }
}
