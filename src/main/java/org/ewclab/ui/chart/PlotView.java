package org.ewclab.ui.chart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.File;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.ewclab.export.ChartExport;
import org.ewclab.export.ChartLayout;
import org.ewclab.export.Java2dSurface;
import org.ewclab.export.Plot;
import org.ewclab.export.PlotPainter;
import org.ewclab.export.Theme;
import org.ewclab.i18n.Texts;

/**
 * A resizable chart: draws the current {@link Plot} with the shared painter (Java2D, the same code as the PNG export)
 * into an image on a background thread, and shows the image. Push a new plot as often as the data changes (the caller
 * throttles to ≤ 30 Hz); the view draws only when the plot, the theme, the scale, the hidden series or its size
 * changed, at most one drawing at a time per chart, the latest plot winning.
 *
 * <p>Clicking a legend entry hides or shows that series; the choice is kept by series name, so it survives the
 * many plot objects a live run pushes. Right-click offers PNG (1×/2×/4×), SVG and CSV export and copying the image.
 * Hovering shows the nearest data point.
 */
public class PlotView extends Region {
    private static final double HOVER_RADIUS = 14;
    private static final ExecutorService EXPORTS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-export");
        t.setDaemon(true);
        return t;
    });

    private final ObjectProperty<Plot> plot = new SimpleObjectProperty<>(this, "plot");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.light());
    private final DoubleProperty presentationScale = new SimpleDoubleProperty(this, "presentationScale", 1.0);
    private final ObservableSet<String> hiddenSeries = FXCollections.observableSet();
    private final javafx.beans.property.ReadOnlyStringWrapper droppedSubtitle =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "droppedSubtitle", "");

    /**
     * Draws every chart of the window, one at a time, off the FX thread: a pulse then only shows a finished image,
     * however many segments, cells or kernels the chart has (the software pipeline of a classroom PC spent 20–90 ms
     * a pulse replaying canvas commands). One thread for all charts, so a busy window cannot take more than one core
     * from the trainer.
     */
    private static final ExecutorService RENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-render");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    /** {@code -Dewclab.chartRendering=fx} draws on the FX thread, as before (for comparing pulse timings). */
    private static final boolean OFF_THREAD = !"fx".equals(System.getProperty("ewclab.chartRendering"));

    private final Canvas canvas = new Canvas();
    private final ImageView picture = new ImageView();
    /** The shown drawing's pixels, kept while the chart's size stays (see {@link #show}). */
    private PixelBuffer<IntBuffer> pixels;
    private final Label hover = new Label();
    private final ContextMenu menu;
    private boolean dirty = true;
    private boolean rendering;
    private boolean drawQueued;
    private double renderedWidth = -1;
    private double renderedHeight = -1;
    private boolean pointerInside;
    private double pointerX;
    private double pointerY;
    private ChartLayout layout;
    private long paintCount;

    public PlotView() {
        getChildren().addAll(canvas, picture, hover);
        picture.setManaged(false);
        picture.setSmooth(true);
        hover.setManaged(false);
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        hover.setPadding(new Insets(4, 7, 4, 7));
        setMinSize(120, 80);
        setPrefSize(800, 500);

        plot.addListener((o, a, b) -> invalidatePlot());
        theme.addListener((o, a, b) -> invalidatePlot());
        presentationScale.addListener((o, a, b) -> invalidatePlot());
        hiddenSeries.addListener((SetChangeListener<String>) c -> invalidatePlot());

        menu = buildMenu();
        setOnContextMenuRequested(e -> {
            hover.setVisible(false);
            menu.show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && handleClick(e.getX(), e.getY())) {
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            pointerInside = true;
            pointerX = e.getX();
            pointerY = e.getY();
            showHover(pointerX, pointerY);
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            pointerInside = false;
            hover.setVisible(false);
        });
    }

    public PlotView(Plot initial) {
        this();
        setPlot(initial);
    }

    // ---- properties -------------------------------------------------------------------------------------------

    public final ObjectProperty<Plot> plotProperty() {
        return plot;
    }

    public final Plot getPlot() {
        return plot.get();
    }

    public final void setPlot(Plot p) {
        plot.set(p);
    }

    public final ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public final Theme getTheme() {
        return theme.get();
    }

    public final void setTheme(Theme t) {
        theme.set(t);
    }

    /** Multiplies fonts and line widths (1 on a desk, {@link Theme#PROJECTOR_SCALE} in class). */
    public final DoubleProperty presentationScaleProperty() {
        return presentationScale;
    }

    public final double getPresentationScale() {
        return presentationScale.get();
    }

    public final void setPresentationScale(double s) {
        presentationScale.set(s);
    }

    /** Names of the series the user has hidden by clicking the legend (kept across plot updates). */
    public final ObservableSet<String> getHiddenSeries() {
        return hiddenSeries;
    }

    /** Hides a visible series or shows a hidden one. */
    public void toggleSeries(String name) {
        if (!hiddenSeries.remove(name)) {
            hiddenSeries.add(name);
        }
    }

    /** The theme the chart is drawn with: the theme property scaled by the presentation scale. */
    public Theme effectiveTheme() {
        Theme t = theme.get() == null ? Theme.light() : theme.get();
        double s = presentationScale.get() > 0 ? presentationScale.get() : 1;
        return t.withPresentation(t.fontScale() * s, t.lineScale() * s);
    }

    /** The plot as drawn: the current plot with the user's hidden series hidden. */
    public Plot displayedPlot() {
        Plot p = plot.get();
        return p == null ? null : p.withHidden(hiddenSeries);
    }

    /** The subtitle the last paint left out for want of room ("" when it was drawn): the owner shows it elsewhere. */
    public final javafx.beans.property.ReadOnlyStringProperty droppedSubtitleProperty() {
        return droppedSubtitle.getReadOnlyProperty();
    }

    /** The font scale the last paint drew the text with (the effective theme's unless the data needed the room). */
    public double drawnFontScale() {
        return layout == null ? effectiveTheme().fontScale() : layout.fontScale();
    }

    /** Where the last paint put the legend and the data, or empty before the first paint. */
    public Optional<ChartLayout> chartLayout() {
        return Optional.ofNullable(layout);
    }

    /** Whether a drawing is under way or due (the chart on screen is not yet the current plot). */
    public boolean renderPending() {
        return rendering || dirty;
    }

    /** How many times the chart has been painted (for tests and for measuring a live run). */
    public long paintCount() {
        return paintCount;
    }

    // ---- painting ---------------------------------------------------------------------------------------------

    private void invalidatePlot() {
        dirty = true;
        if (OFF_THREAD && renderedWidth == snapSizeX(getWidth()) && renderedHeight == snapSizeY(getHeight())
                && getWidth() >= 1 && getHeight() >= 1) {
            // new data, same size: draw it without a layout pass (requestLayout would lay out every parent up to
            // the window's root, on every training update); changes made in one go (a plot and a scale) draw once
            if (!drawQueued) {
                drawQueued = true;
                Platform.runLater(() -> {
                    drawQueued = false;
                    if (dirty && renderedWidth == snapSizeX(getWidth()) && renderedHeight == snapSizeY(getHeight())) {
                        renderLater(renderedWidth, renderedHeight);
                    } else if (dirty) {
                        requestLayout();
                    }
                });
            }
            return;
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (OFF_THREAD) {
            if (renderedWidth != w || renderedHeight != h) {
                dirty = true;
            }
            if (dirty) {
                renderLater(w, h);
            }
            return;
        }
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty) {
            paintNow();
        }
    }

    /** What one drawing needs, taken on the FX thread so that the render thread reads no live property. */
    private record Job(Plot plot, double width, double height, Theme theme, double pixelScale) {
    }

    /** A finished drawing: the image and where its legend and data are. */
    /** A finished drawing: opaque premultiplied ARGB pixels (null: nothing drawn) of {@code pw × ph}. */
    private record Picture(int[] argb, int pw, int ph, ChartLayout layout, double width, double height) {
    }

    /**
     * Draws the chart on the render thread and shows it when done. While one drawing is under way a newer plot only
     * marks the view dirty: when the drawing lands the view draws once more with the latest plot (latest wins, at
     * most one drawing queued per chart).
     */
    private void renderLater(double w, double h) {
        if (rendering) {
            return;
        }
        dirty = false;
        rendering = true;
        Job job = new Job(displayedPlot(), w, h, effectiveTheme(), pixelScale());
        RENDER.execute(() -> {
            Picture pic;
            try {
                pic = render(job);
            } catch (RuntimeException e) {
                pic = new Picture(null, 0, 0, null, job.width(), job.height());
            }
            Picture done = pic;
            Platform.runLater(() -> {
                rendering = false;
                show(done);
                double w2 = snapSizeX(getWidth());
                double h2 = snapSizeY(getHeight());
                if (renderedWidth != w2 || renderedHeight != h2) {
                    dirty = true;
                    requestLayout(); // resized meanwhile: the next layout draws at the new size
                } else if (dirty) {
                    renderLater(w2, h2); // newer data arrived while drawing: draw the latest, no layout needed
                }
            });
        });
    }

    private double pixelScale() {
        Window w = getScene() == null ? null : getScene().getWindow();
        double s = w == null ? 1 : Math.max(w.getOutputScaleX(), w.getOutputScaleY());
        return s > 0 ? s : 1;
    }

    private static Picture render(Job job) {
        int w = (int) Math.round(job.width());
        int h = (int) Math.round(job.height());
        if (job.plot() == null || w < 1 || h < 1) {
            return new Picture(null, 0, 0, null, job.width(), job.height());
        }
        BufferedImage img = Java2dSurface.newImage(w, h, job.pixelScale());
        Graphics2D g = img.createGraphics();
        ChartLayout drawn;
        try {
            g.scale(img.getWidth() / (double) w, img.getHeight() / (double) h);
            drawn = PlotPainter.paint(job.plot(), new Java2dSurface(g), w, h, job.theme());
        } finally {
            g.dispose();
        }
        return new Picture(opaqueArgb(img), img.getWidth(), img.getHeight(), drawn, job.width(), job.height());
    }

    /**
     * Shows a finished drawing. The view keeps one image over a {@link PixelBuffer} of the chart's INT_ARGB_PRE
     * pixels while its size stays, and copies each new drawing into it: the renderer then updates the texture it
     * already has, in the pixel format it keeps, where a new image per drawing cost a new texture and a conversion
     * of every pixel from the image's BGRA bytes on each pulse that showed one.
     */
    private void show(Picture pic) {
        renderedWidth = pic.width();
        renderedHeight = pic.height();
        if (pic.argb() == null) {
            pixels = null;
            picture.setImage(null);
        } else if (pixels != null && pixels.getWidth() == pic.pw() && pixels.getHeight() == pic.ph()) {
            pixels.updateBuffer(b -> {
                IntBuffer buf = b.getBuffer();
                buf.clear();
                buf.put(pic.argb());
                buf.clear();
                return null; // all of it
            });
        } else {
            pixels = new PixelBuffer<>(pic.pw(), pic.ph(), IntBuffer.wrap(pic.argb()),
                    PixelFormat.getIntArgbPreInstance());
            picture.setImage(new WritableImage(pixels));
        }
        picture.setFitWidth(pic.width());
        picture.setFitHeight(pic.height());
        picture.relocate(0, 0);
        painted(pic.argb() == null ? null : pic.layout());
    }

    /** The image's pixels as opaque INT_ARGB (= premultiplied, being opaque), in a new array. */
    private static int[] opaqueArgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        // the chart's pixels without getRGB's per-pixel conversion where the raster is plain RGB ints
        int[] argb = img.getType() == BufferedImage.TYPE_INT_RGB
                && img.getRaster().getDataBuffer() instanceof DataBufferInt data && data.getNumBanks() == 1
                && data.getData().length == w * h ? data.getData().clone() : img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000; // drawn on an opaque background
        }
        return argb;
    }

    /** Takes the layout of a finished paint (null: nothing drawn): subtitle report, count, hover. */
    private void painted(ChartLayout drawn) {
        layout = drawn;
        droppedSubtitle.set(drawn == null ? "" : drawn.droppedSubtitle());
        if (drawn == null) {
            return;
        }
        paintCount++;
        if (pointerInside && !menu.isShowing()) {
            showHover(pointerX, pointerY); // the data moved under a still pointer: follow it
        } else {
            hover.setVisible(false);
        }
    }

    /** Paints immediately, on the calling (FX) thread (normally the next layout pulse starts it off the thread). */
    public void paintNow() {
        dirty = false;
        if (OFF_THREAD) {
            show(render(new Job(displayedPlot(), snapSizeX(getWidth()), snapSizeY(getHeight()), effectiveTheme(),
                    pixelScale())));
            return;
        }
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        var g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        Plot p = displayedPlot();
        painted(p == null || w < 1 || h < 1 ? null : PlotPainter.paint(p, new FxSurface(g), w, h, effectiveTheme()));
    }

    /** The hover read-out as shown, or empty when hidden. */
    String hoverText() {
        return hover.isVisible() ? hover.getText() : "";
    }

    ContextMenu contextMenu() {
        return menu;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }

    // ---- interaction ------------------------------------------------------------------------------------------

    /** A primary click at (x, y): toggles the series whose legend entry is there. Returns whether it did. */
    boolean handleClick(double x, double y) {
        if (layout == null) {
            return false;
        }
        Optional<String> hit = layout.legendSeriesAt(x, y);
        hit.ifPresent(this::toggleSeries);
        return hit.isPresent();
    }

    private void showHover(double x, double y) {
        if (layout == null || layout.legendSeriesAt(x, y).isPresent()) {
            hover.setVisible(false);
            setCursor(layout != null ? Cursor.HAND : null);
            return;
        }
        setCursor(null);
        Optional<ChartLayout.Hover> h = layout.hoverAt(x, y, HOVER_RADIUS);
        if (h.isEmpty()) {
            hover.setVisible(false);
            return;
        }
        Theme t = effectiveTheme();
        hover.setText(h.get().text());
        hover.setStyle("-fx-font-size: " + String.format(Locale.ROOT, "%.1f", 12 * t.fontScale()) + "px;"
                + "-fx-text-fill: " + t.text() + ";");
        hover.setBackground(new Background(new BackgroundFill(FxSurface.color(0xF0000000
                | Integer.parseInt(t.legendBackground().substring(1), 16)), new CornerRadii(4), Insets.EMPTY)));
        hover.setBorder(new Border(new BorderStroke(Color.web(t.grid()), BorderStrokeStyle.SOLID,
                new CornerRadii(4), BorderWidths.DEFAULT)));
        hover.autosize();
        double px = h.get().x() + 12;
        double py = h.get().y() - hover.getHeight() - 8;
        if (px + hover.getWidth() > getWidth()) {
            px = h.get().x() - 12 - hover.getWidth();
        }
        if (py < 0) {
            py = h.get().y() + 12;
        }
        hover.relocate(Math.max(0, px), Math.max(0, py));
        hover.setVisible(true);
    }

    private ContextMenu buildMenu() {
        Menu png = new Menu(Texts.get("chart.menu.png"));
        for (int scale : new int[] {1, 2, 4}) {
            MenuItem item = new MenuItem(Texts.fmt("chart.menu.pngSize", scale, scale * exportWidth(),
                    scale * exportHeight()));
            item.setOnAction(e -> exportPng(scale));
            png.getItems().add(item);
        }
        png.setOnShowing(e -> {
            int[] scales = {1, 2, 4};
            for (int i = 0; i < scales.length; i++) {
                png.getItems().get(i).setText(Texts.fmt("chart.menu.pngSize", scales[i], scales[i] * exportWidth(),
                        scales[i] * exportHeight()));
            }
        });
        MenuItem svg = new MenuItem(Texts.get("chart.menu.svg"));
        svg.setOnAction(e -> exportSvg());
        MenuItem csv = new MenuItem(Texts.get("chart.menu.csv"));
        csv.setOnAction(e -> exportCsv());
        MenuItem copy = new MenuItem(Texts.get("chart.menu.copy"));
        copy.setOnAction(e -> copyImage());
        return new ContextMenu(png, svg, csv, new SeparatorMenuItem(), copy);
    }

    private int exportWidth() {
        return Math.max(1, (int) Math.round(getWidth() > 0 ? getWidth() : 800));
    }

    private int exportHeight() {
        return Math.max(1, (int) Math.round(getHeight() > 0 ? getHeight() : 500));
    }

    private void exportPng(int scale) {
        Plot p = displayedPlot();
        int w = exportWidth();
        int h = exportHeight();
        Theme t = effectiveTheme();
        chooseFile(Texts.get("chart.file.png"), "png").ifPresent(file -> runExport(file, () -> ChartExport.png(p, w, h, scale, t,
                file)));
    }

    private void exportSvg() {
        Plot p = displayedPlot();
        int w = exportWidth();
        int h = exportHeight();
        Theme t = effectiveTheme();
        chooseFile(Texts.get("chart.file.svg"), "svg").ifPresent(file -> runExport(file, () -> ChartExport.svg(p, w, h, t, file)));
    }

    private void exportCsv() {
        Plot p = getPlot(); // all series, hidden ones too: the CSV is the data, not the picture
        chooseFile(Texts.get("chart.file.csv"), "csv").ifPresent(file -> runExport(file, () -> ChartExport.csv(p, file)));
    }

    /** Puts the chart, at twice the view's size for crisp slides, on the clipboard. */
    public void copyImage() {
        Plot p = displayedPlot();
        if (p == null) {
            return;
        }
        BufferedImage img = ChartExport.image(p, exportWidth(), exportHeight(), 2, effectiveTheme());
        ClipboardContent content = new ClipboardContent();
        content.putImage(toFxImage(img));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** A Java 2D image as a JavaFX one (no javafx.swing needed). */
    public static WritableImage toFxImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        // opaque pixels are their own premultiplied form: the pre format spares the image a multiply per pixel
        boolean opaque = img.getType() == BufferedImage.TYPE_INT_RGB;
        int[] argb = opaque ? opaqueArgb(img) : img.getRGB(0, 0, w, h, null, 0, w);
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, opaque ? PixelFormat.getIntArgbPreInstance()
                : PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }

    private Optional<Path> chooseFile(String description, String extension) {
        Plot p = getPlot();
        if (p == null) {
            return Optional.empty();
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("chart.export.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        chooser.setInitialFileName(fileStem(p.title()) + "." + extension);
        Window window = getScene() == null ? null : getScene().getWindow();
        File f = chooser.showSaveDialog(window);
        if (f == null) {
            return Optional.empty();
        }
        String name = f.getName().toLowerCase(Locale.ROOT);
        return Optional.of(name.endsWith("." + extension) ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + "." + extension));
    }

    /** A file name from the chart title: "Forgetting: accuracy on A" → "forgetting-accuracy-on-a". */
    static String fileStem(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "chart" : s;
    }

    private interface ExportJob {
        void run() throws IOException;
    }

    /** Exports off the FX thread (a 4× PNG takes a moment); a failure is shown, not swallowed. */
    private void runExport(Path file, ExportJob job) {
        EXPORTS.execute(() -> {
            try {
                job.run();
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    Alert a = new Alert(Alert.AlertType.ERROR,
                            Texts.fmt("chart.export.couldNotWrite", file, e.getMessage()));
                    a.setHeaderText(Texts.get("chart.export.failed"));
                    a.show();
                });
            }
        });
    }
}
