package org.ewclab.ui;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Waits until the charts pane has built the charts of the network's insides (they are built off the FX thread). */
final class ChartsSettle {
    private ChartsSettle() {
    }

    static void settle(ChartsPane pane) {
        try {
            for (int i = 0; i < 2000; i++) {
                WaitForAsyncUtils.waitForFxEvents();
                FutureTask<Boolean> pending = new FutureTask<>(pane::buildsPending);
                Platform.runLater(pending);
                if (!pending.get(10, TimeUnit.SECONDS)) {
                    WaitForAsyncUtils.waitForFxEvents();
                    return;
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new AssertionError("waiting for the charts", e);
        }
        throw new AssertionError("the charts were never built");
    }
}
