/**
 * Charts as data, and the one painter that draws them for the window, PNG and SVG; CSV export. No JavaFX here (an
 * ArchUnit rule checks), so {@code run ... --charts} can write PNGs with no display and no FX toolkit.
 *
 * <p>The door:
 * <ul>
 *   <li>the model, all immutable: {@link org.ewclab.export.Plot} (built with {@link org.ewclab.export.Plot#builder()}),
 *       {@link org.ewclab.export.Series} (line, scatter with point labels, histogram bars, filled density),
 *       {@link org.ewclab.export.Axis} (linear/log10, fixed or fitted range, percent ticks, a second readout scale),
 *       {@link org.ewclab.export.Marker}, {@link org.ewclab.export.HeatMap} with {@link org.ewclab.export.ColorMap},
 *       {@link org.ewclab.export.ImageTile}, {@link org.ewclab.export.FloatColumn};</li>
 *   <li>{@link org.ewclab.export.MethodColors}, the fixed colours of methods and tasks, and
 *       {@link org.ewclab.export.Theme} (light, dark, presentation scale);</li>
 *   <li>{@link org.ewclab.export.ChartExport}: {@code png}, {@code svg}, {@code csv} and an in-memory
 *       {@code image};</li>
 *   <li>for other outputs: {@link org.ewclab.export.PlotPainter} paints onto any
 *       {@link org.ewclab.export.Surface} and returns a {@link org.ewclab.export.ChartLayout} (legend hit boxes,
 *       data-to-pixel mapping, hover read-outs); {@link org.ewclab.export.Java2dSurface} and
 *       {@link org.ewclab.export.SvgSurface} are the headless surfaces.</li>
 * </ul>
 *
 * <p>A forgetting curve:
 * <pre>{@code
 * Plot plot = Plot.builder()
 *         .title("Accuracy on task A")
 *         .x(Axis.linear("training step", null))
 *         .y(Axis.linear("test accuracy", null).withRange(0, 1).withPercent(true))
 *         .add(Series.line("Plain", steps, accPlain, MethodColors.method("plain")))
 *         .add(Series.line("EWC", steps, accEwc, MethodColors.method("ewc")))
 *         .verticalMarker(2000, "task B starts")
 *         .build();
 * ChartExport.png(plot, 800, 500, 2, Theme.light(), Path.of("forgetting.png"));   // 1600×1000 px
 * }</pre>
 */
package org.ewclab.export;
