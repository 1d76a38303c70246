package com.endpointstudio.ui.layout;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.connection.Connection;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What an audited view's steps work with: the studio window, its services, the robot. */
final class AuditContext {

    final FxRobot robot;
    final StudioWindow window;
    final StudioServices services;
    final Connection aws;
    /** Where the audit's files are: the sample archive, a CSV of rows to score. */
    final java.nio.file.Path dir;

    AuditContext(FxRobot robot, StudioWindow window, StudioServices services, Connection aws, java.nio.file.Path dir) {
        this.robot = robot;
        this.dir = dir;
        this.window = window;
        this.services = services;
        this.aws = aws;
    }

    /** Shows the screen with this id, on the connection given. */
    void show(String screen, Connection connection) {
        robot.interact(() -> {
            window.shell().connections().activate(connection);
            window.shell().show(screen);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    Connection local() {
        return window.shell().connections().connections().stream().filter(Connection::isLocal).findFirst().orElseThrow();
    }

    void fx(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Presses a button as a click would (without moving the pointer); a dialog it opens may stay open. */
    void click(String query) {
        ButtonBase button = robot.lookup(query).match(Node::isVisible).query();
        javafx.application.Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    String text(String query) {
        return robot.lookup(query).queryLabeled().getText();
    }
}
