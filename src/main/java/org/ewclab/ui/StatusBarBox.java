package org.ewclab.ui;

import javafx.scene.Node;
import javafx.scene.layout.HBox;

/**
 * The status bar's row, a layout boundary: its texts and progress bar change with every training update, and each
 * change used to ask the whole window for a layout pass (a label's request climbs to the scene's root, whose layout
 * then asks every part of the window for its size). Here a child's request lays out the bar alone, unless the bar
 * would change height (a status message wrapping onto a second line), which the window must make room for.
 */
final class StatusBarBox extends HBox {
    StatusBarBox(Node... children) {
        super(children);
    }

    @Override
    public void requestLayout() {
        double w = getWidth();
        if (getScene() == null || w <= 0) {
            super.requestLayout();
            return;
        }
        // the preferred height at the bar's width, computed afresh (a width argument is never served from a cache)
        if (Math.abs(prefHeight(w) - getHeight()) > 0.5) {
            super.requestLayout();
        } else {
            setNeedsLayout(true); // lay out this bar in the next pulse; its parents only pass through to it
        }
    }
}
