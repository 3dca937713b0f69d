package org.ewclab.export;

/** Where the legend entry of one series was drawn, so a click there can toggle the series. */
public record LegendHit(String series, Rect bounds) {
}
