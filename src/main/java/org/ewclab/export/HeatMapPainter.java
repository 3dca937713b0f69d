package org.ewclab.export;

import java.util.List;

/** Draws a heat map: square (or stretched) cells, optional values in them, labels, a colour bar and image tiles. */
final class HeatMapPainter {
    private final Plot plot;
    private final HeatMap map;
    private final Surface s;
    private final double width;
    private final double height;
    private final Look k;

    private HeatMapPainter(Plot plot, Surface s, double width, double height, Look k) {
        this.plot = plot;
        this.map = plot.heatMap();
        this.s = s;
        this.width = width;
        this.height = height;
        this.k = k;
    }

    static ChartLayout paint(Plot plot, Surface s, double width, double height, Look k) {
        return new HeatMapPainter(plot, s, width, height, k).paint();
    }

    private ChartLayout paint() {
        s.setFill(k.background);
        s.fillRect(0, 0, width, height);
        double top = k.header(s, plot, width, k.pad) + k.gap;

        double tickH = k.lineHeight(s, k.tickFont, false);
        double labelH = k.lineHeight(s, k.labelFont, false);
        double tickAsc = s.ascent(k.tickFont, false);
        double tickDesc = s.descent(k.tickFont, false);
        String xTitle = plot.x().title();
        String yTitle = plot.y().title();

        double rowLabelW = 0;
        for (String r : map.rowLabels()) {
            rowLabelW = Math.max(rowLabelW, s.textWidth(r, k.tickFont, false));
        }
        double leftW = (yTitle.isEmpty() ? 0 : labelH + k.gap) + (rowLabelW > 0 ? rowLabelW + k.gap : 0);
        double bottom = (map.columnLabels().isEmpty() ? 0 : k.gap + tickH) + (xTitle.isEmpty() ? 0 : k.gap + labelH)
                + k.pad;

        double[] range = map.resolvedRange();
        List<Ticks.Tick> barTicksGuess = Ticks.linear(range[0], range[1], 5, false);
        double barLabelW = 0;
        for (Ticks.Tick t : barTicksGuess) {
            barLabelW = Math.max(barLabelW, k.richWidth(s, t.label(), k.tickFont));
        }
        double barW = 16 * k.fs;
        double barGap = 3 * k.gap;
        double barReserve = barGap + barW + k.tickLength + k.gap + barLabelW
                + (map.scaleLabel().isEmpty() ? 0 : k.gap + labelH);

        double availH = Math.max(10, height - top - bottom);
        List<ImageTile> tiles = plot.tiles();
        double captionH = tickH;
        double tileGap = 2 * k.gap;
        int tileCols = 0;
        double tile = 0;
        if (!tiles.isEmpty()) {
            // one or two columns of sample images, whichever shows them larger, but together never wider than 40% of
            // the room beside the colour bar: the map is the chart, the samples are its legend
            double room = 0.4 * Math.max(10, width - 2 * k.pad - leftW - barReserve);
            for (int cols = 1; cols <= Math.min(2, tiles.size()); cols++) {
                int rows = (tiles.size() + cols - 1) / cols;
                double t = Math.min(100 * k.fs, (availH - (rows - 1) * tileGap) / rows - captionH);
                t = Math.min(t, (room - 3 * k.gap - (cols - 1) * tileGap) / cols);
                if (t > tile) {
                    tile = t;
                    tileCols = cols;
                }
            }
            if (tileCols == 0) {
                tileCols = 1;
            }
            tile = Math.max(8, tile);
        }
        double tilesW = tileCols == 0 ? 0 : 3 * k.gap + tileCols * tile + (tileCols - 1) * tileGap;

        double availW = Math.max(10, width - 2 * k.pad - leftW - barReserve - tilesW);
        double cw = availW / map.columns();
        double ch = availH / map.rows();
        if (map.squareCells()) {
            cw = ch = Math.min(cw, ch);
        }
        double cellsW = cw * map.columns();
        double cellsH = ch * map.rows();
        double groupW = leftW + cellsW + barReserve + tilesW;
        double cx = Math.max(k.pad, (width - groupW) / 2) + leftW;
        double cy = top + (availH - cellsH) / 2;
        Rect cells = new Rect(cx, cy, cellsW, cellsH);

        // cells
        int[] argb = new int[map.columns() * map.rows()];
        double span = range[1] - range[0];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = map.colorMap().argb((map.values().get(i) - range[0]) / span);
        }
        s.beginGroup("heatmap", plot.title());
        s.image(argb, map.columns(), map.rows(), cells.x(), cells.y(), cells.width(), cells.height(), false);
        if (map.cellFormat() != null) {
            drawCellValues(cells, cw, ch, argb);
        }
        s.setStroke(k.axis, k.axisWidth, null);
        s.strokeRect(cells.x(), cells.y(), cells.width(), cells.height());
        s.endGroup();

        // row and column labels, axis titles
        s.setFill(k.text);
        if (!map.rowLabels().isEmpty()) {
            int every = Math.max(1, (int) Math.ceil(tickH * 1.1 / ch));
            for (int r = 0; r < map.rows(); r += every) {
                s.text(map.rowLabels().get(r), cells.x() - k.gap, cells.y() + (r + 0.5) * ch + (tickAsc - tickDesc) / 2,
                        k.tickFont, false, Surface.Align.RIGHT, 0);
            }
        }
        if (!map.columnLabels().isEmpty()) {
            double maxW = 0;
            for (String c : map.columnLabels()) {
                maxW = Math.max(maxW, s.textWidth(c, k.tickFont, false));
            }
            int every = Math.max(1, (int) Math.ceil((maxW + k.gap) / cw));
            if (sparseLabels(map.columnLabels(), maxW + k.gap, cw)) {
                // a few labels among blank columns (e.g. one under each of several maps side by side): all of them
                every = 1;
            }
            for (int c = 0; c < map.columns(); c += every) {
                if (map.columnLabels().get(c).isEmpty()) {
                    continue;
                }
                String label = every == 1 ? Look.fit(s, map.columnLabels().get(c), k.tickFont, false,
                        Math.max(cw, maxW)) : map.columnLabels().get(c);
                s.text(label, cells.x() + (c + 0.5) * cw, cells.bottom() + k.gap + tickAsc, k.tickFont, false,
                        Surface.Align.CENTER, 0);
            }
        }
        double labelAsc = s.ascent(k.labelFont, false);
        if (!xTitle.isEmpty()) {
            double baseline = cells.bottom() + (map.columnLabels().isEmpty() ? 0 : k.gap + tickH) + k.gap + labelAsc;
            s.text(Look.fit(s, xTitle, k.labelFont, false, width - 2 * k.pad), cells.centerX(), baseline,
                    k.labelFont, false, Surface.Align.CENTER, 0);
        }
        if (!yTitle.isEmpty()) {
            double x = cells.x() - (rowLabelW > 0 ? rowLabelW + k.gap : 0) - k.gap - s.descent(k.labelFont, false);
            s.text(Look.fit(s, yTitle, k.labelFont, false, cells.height() + 2 * k.pad), x, cells.centerY(),
                    k.labelFont, false, Surface.Align.CENTER, -90);
        }

        drawColorBar(new Rect(cells.right() + barGap, cells.y(), barW, cells.height()), range);
        if (!tiles.isEmpty()) {
            drawTiles(tiles, cells.right() + barReserve + 3 * k.gap, top, availH, tile, tileCols, captionH);
        }
        return new ChartLayout(plot, cells, List.of(), new AxisMap(0, map.columns(), false, cells.x(), cells.right()),
                new AxisMap(0, map.rows(), false, cells.y(), cells.bottom()));
    }

    /** Whether the non-blank labels stand at least {@code room} px apart, so each can be drawn in full. */
    private static boolean sparseLabels(List<String> labels, double room, double cw) {
        int last = -1;
        boolean blank = false;
        for (int c = 0; c < labels.size(); c++) {
            if (labels.get(c).isEmpty()) {
                blank = true;
                continue;
            }
            if (last >= 0 && (c - last) * cw < room) {
                return false;
            }
            last = c;
        }
        return blank;
    }

    private void drawCellValues(Rect cells, double cw, double ch, int[] argb) {
        double size = Math.min(24 * k.fs, ch * 0.3);
        double widest = 0;
        for (int i = 0; i < argb.length; i++) {
            widest = Math.max(widest, s.textWidth(map.formatCell(map.values().get(i)), 10, true) / 10);
        }
        if (widest > 0) {
            size = Math.min(size, cw * 0.85 / widest);
        }
        if (size < 6) {
            return; // too small to read: the colour bar has to do
        }
        if (cw >= 16 && ch >= 16) {
            s.setStroke(k.background, Math.max(1, 1.5 * k.ls), null);
            for (int c = 1; c < map.columns(); c++) {
                s.line(cells.x() + c * cw, cells.y(), cells.x() + c * cw, cells.bottom());
            }
            for (int r = 1; r < map.rows(); r++) {
                s.line(cells.x(), cells.y() + r * ch, cells.right(), cells.y() + r * ch);
            }
        }
        double asc = s.ascent(size, true);
        double desc = s.descent(size, true);
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.columns(); c++) {
                int i = r * map.columns() + c;
                String text = map.formatCell(map.values().get(i));
                if (text.isEmpty()) {
                    continue;
                }
                s.setFill(Argb.luminance(argb[i]) > 0.36 ? 0xFF111111 : 0xFFFFFFFF);
                String error = map.formatError(i);
                if (error.isEmpty()) {
                    s.text(text, cells.x() + (c + 0.5) * cw, cells.y() + (r + 0.5) * ch + (asc - desc) / 2, size,
                            true, Surface.Align.CENTER, 0);
                } else {
                    // the value above the centre, its ± (e.g. standard error over seeds) smaller below
                    double small = size * 0.62;
                    double gap = 0.12 * size;
                    s.text(text, cells.x() + (c + 0.5) * cw, cells.y() + (r + 0.5) * ch - gap - desc, size, true,
                            Surface.Align.CENTER, 0);
                    s.text(error, cells.x() + (c + 0.5) * cw, cells.y() + (r + 0.5) * ch + gap
                            + s.ascent(small, false), small, false, Surface.Align.CENTER, 0);
                }
            }
        }
    }

    private void drawColorBar(Rect bar, double[] range) {
        int steps = 256;
        int[] ramp = new int[steps];
        for (int i = 0; i < steps; i++) {
            ramp[i] = map.colorMap().argb(1 - i / (double) (steps - 1));
        }
        s.beginGroup("colorbar", map.scaleLabel());
        s.image(ramp, 1, steps, bar.x(), bar.y(), bar.width(), bar.height(), true);
        s.setStroke(k.axis, k.axisWidth, null);
        s.strokeRect(bar.x(), bar.y(), bar.width(), bar.height());
        AxisMap m = new AxisMap(range[0], range[1], false, bar.bottom(), bar.y());
        int target = (int) Math.max(2, Math.min(8, bar.height() / (60 * k.fs)));
        double asc = s.ascent(k.tickFont, false);
        double desc = s.descent(k.tickFont, false);
        double maxW = 0;
        for (Ticks.Tick t : Ticks.linear(range[0], range[1], target, false)) {
            double py = m.toPixel(t.value());
            s.setStroke(k.axis, k.axisWidth, null);
            s.line(bar.right(), py, bar.right() + k.tickLength, py);
            s.setFill(k.text);
            k.richText(s, t.label(), bar.right() + k.tickLength + k.gap, py + (asc - desc) / 2, k.tickFont,
                    Surface.Align.LEFT);
            maxW = Math.max(maxW, k.richWidth(s, t.label(), k.tickFont));
        }
        if (!map.scaleLabel().isEmpty()) {
            s.setFill(k.text);
            s.text(Look.fit(s, map.scaleLabel(), k.labelFont, false, bar.height() + 2 * k.pad),
                    bar.right() + k.tickLength + k.gap + maxW + k.gap + s.descent(k.labelFont, false),
                    bar.centerY(), k.labelFont, false, Surface.Align.CENTER, 90);
        }
        s.endGroup();
    }

    private void drawTiles(List<ImageTile> tiles, double x0, double top, double availH, double tile, int cols,
                           double captionH) {
        double gap = 2 * k.gap;
        int rows = (tiles.size() + cols - 1) / cols;
        double blockH = rows * (tile + captionH) + (rows - 1) * gap;
        double y0 = top + Math.max(0, (availH - blockH) / 2);
        double asc = s.ascent(k.tickFont, false);
        for (int i = 0; i < tiles.size(); i++) {
            ImageTile t = tiles.get(i);
            int r = i / cols;
            int c = i % cols;
            double x = x0 + c * (tile + gap);
            double y = y0 + r * (tile + captionH + gap);
            double scale = Math.min(tile / t.width(), tile / t.height());
            double w = t.width() * scale;
            double h = t.height() * scale;
            s.beginGroup("tile", t.caption());
            s.image(t.toArgb(), t.width(), t.height(), x + (tile - w) / 2, y + (tile - h) / 2, w, h, false);
            s.setStroke(k.grid, k.gridWidth, null);
            s.strokeRect(x + (tile - w) / 2, y + (tile - h) / 2, w, h);
            if (!t.caption().isEmpty()) {
                s.setFill(k.text);
                s.text(Look.fit(s, t.caption(), k.tickFont, false, tile + gap), x + tile / 2, y + tile + asc,
                        k.tickFont, false, Surface.Align.CENTER, 0);
            }
            s.endGroup();
        }
    }
}
