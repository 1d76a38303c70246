package com.endpointstudio.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What `endpoint-studio deploy SPEC --local` prints once it serves: the endpoint's invocations URL. */
public final class ServingOutput {

    private ServingOutput() {
    }

    /** Reads the command's output until it serves {@code endpoint}, then keeps draining it; the URL it serves at. */
    public static String await(Process studio, String endpoint) throws Exception {
        Pattern serving = Pattern.compile("Serving " + Pattern.quote(endpoint) + " at (\\S+/invocations)");
        BufferedReader out = new BufferedReader(new InputStreamReader(studio.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = serving.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe flowing while the command serves
                        }
                    } catch (java.io.IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("the command never said it was serving:\n" + seen);
    }
}
