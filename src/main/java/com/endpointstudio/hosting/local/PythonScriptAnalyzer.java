package com.endpointstudio.hosting.local;

import com.endpointstudio.core.doctor.ScriptAnalyzer;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.task.CancelToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Parses handler scripts with the Python chosen for local endpoints (script_facts.py of the serving
 * adapter, which uses Python's ast module): the same parser, and the same standard library, as the
 * code will meet. One process per call, stopped when the job is cancelled.
 */
public final class PythonScriptAnalyzer implements ScriptAnalyzer {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<PythonInterpreter> python;
    private final Path adapterDir;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /** @param adapterDir where the serving adapter is installed (it is written there when missing or changed) */
    public PythonScriptAnalyzer(Supplier<PythonInterpreter> python, Path adapterDir) {
        this(python, adapterDir, TIMEOUT);
    }

    PythonScriptAnalyzer(Supplier<PythonInterpreter> python, Path adapterDir, Duration timeout) {
        this.python = python;
        this.adapterDir = adapterDir;
        this.timeout = timeout;
    }

    @Override
    public Analysis analyze(Map<String, String> sources) {
        Path script = ServingAdapter.install(adapterDir).resolveSibling("script_facts.py");
        PythonInterpreter interpreter = python.get();
        Process process;
        try {
            process = new ProcessBuilder(interpreter.command(), "-I", script.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new StudioException("Python (" + interpreter.command() + ") could not be started to read the "
                    + "handler scripts: " + e.getMessage(), e);
        }
        byte[] input;
        try {
            input = json.writeValueAsBytes(sources);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new StudioException("The handler scripts could not be handed to Python: " + e.getMessage(), e);
        }
        // the scripts go in and the facts come out beside this thread, so a Python that stops answering
        // (or never reads) is given up on after the timeout rather than waited for: a Deploy waits for this
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // Python stopped reading: what it said, and its exit code, tell why
            }
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "script-facts");
            thread.setDaemon(true);
            thread.start();
        });
        try (CancelToken.Registration ignored = CancelToken.current().onCancel(process::destroyForcibly)) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StudioException("Python " + interpreter.version() + " took over " + timeout.toSeconds()
                        + " s to read the handler scripts and was stopped.");
            }
            byte[] out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            CancelToken.current().throwIfCancelled();
            if (process.exitValue() != 0) {
                throw new StudioException("Python " + interpreter.version() + " could not read the handler scripts "
                        + "(exit code " + process.exitValue() + ").");
            }
            return parse(json.readTree(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException | ExecutionException | TimeoutException e) {
            CancelToken.current().throwIfCancelled();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new StudioException("Reading the handler scripts with Python failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new java.util.concurrent.CancellationException("Interrupted");
        }
    }

    private static Analysis parse(JsonNode root) {
        Set<String> stdlib = new HashSet<>();
        root.path("stdlib").forEach(name -> stdlib.add(name.asText()));
        Map<String, ScriptFacts> scripts = new LinkedHashMap<>();
        root.path("scripts").fields().forEachRemaining(entry -> scripts.put(entry.getKey(), facts(entry.getValue())));
        return new Analysis(root.path("python").asText(""), stdlib, scripts);
    }

    private static ScriptFacts facts(JsonNode node) {
        Map<String, FunctionFacts> functions = new LinkedHashMap<>();
        node.path("functions").fields().forEachRemaining(entry -> {
            JsonNode f = entry.getValue();
            functions.put(entry.getKey(), new FunctionFacts(f.path("line").asInt(), f.path("parameters").asInt(),
                    f.path("positional").asInt(), f.path("required").asInt(), f.path("varargs").asBoolean(),
                    f.path("requiredKeywords").asInt(), f.path("imported").asBoolean()));
        });
        List<ImportFacts> imports = new ArrayList<>();
        node.path("imports").forEach(i -> imports.add(new ImportFacts(i.path("module").asText(), i.path("line").asInt(),
                i.path("topLevel").asBoolean(), i.path("guarded").asBoolean())));
        JsonNode error = node.path("syntaxError");
        SyntaxProblem syntax = error.isObject() ? new SyntaxProblem(error.path("line").asInt(),
                error.path("message").asText()) : null;
        return new ScriptFacts(functions, imports, syntax);
    }
}
