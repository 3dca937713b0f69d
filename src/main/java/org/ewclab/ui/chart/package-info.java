/**
 * The chart on screen: {@link org.ewclab.ui.chart.PlotView}, a resizable region that draws an
 * {@link org.ewclab.export.Plot} with the shared painter through {@link org.ewclab.ui.chart.FxSurface}, toggles
 * series from its legend, shows a hover read-out and exports PNG/SVG/CSV from its context menu.
 */
package org.ewclab.ui.chart;
