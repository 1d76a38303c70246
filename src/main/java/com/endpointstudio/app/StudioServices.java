package com.endpointstudio.app;

import com.endpointstudio.core.hosting.LocalRuntimePort;
import com.endpointstudio.core.connection.ConnectionTester;
import com.endpointstudio.core.connection.InitialConnections;
import com.endpointstudio.core.connection.ProfileCatalog;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.hosting.aws.AwsConnectionTester;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import com.endpointstudio.hosting.aws.AwsSessionFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: every service of the studio, wired by hand, shared by the window and
 * the command line. Tests build one over a temporary folder and their own AWS configuration.
 */
public final class StudioServices implements AutoCloseable {

    private final StudioPaths paths;
    private final AwsEnvironment aws;
    private final AwsSessionFactory sessions;
    private final ProfileCatalog profiles;
    private final ConnectionTester connectionTester;
    private final SettingsStore settingsStore;
    private final ExecutorService background;

    private final com.endpointstudio.core.packaging.ModelPackager packager =
            new com.endpointstudio.core.packaging.ModelPackager();
    private volatile String pythonInterpreter;
    private com.endpointstudio.hosting.local.LocalHost localHost;
    private com.endpointstudio.hosting.local.LocalRuntimeServer localRuntime;
    /** Read on first use: commands that never serve a Local endpoint don't load it. */
    private com.endpointstudio.hosting.local.LocalMetrics localMetrics;
    private final boolean currentUsers;

    public StudioServices(StudioPaths paths, AwsEnvironment aws) {
        this(paths, aws, false);
    }

    private StudioServices(StudioPaths paths, AwsEnvironment aws, boolean currentUsers) {
        this.currentUsers = currentUsers;
        this.paths = paths;
        this.aws = aws;
        this.sessions = aws.sessionFactory();
        this.profiles = aws.profileCatalog();
        this.connectionTester = new AwsConnectionTester(sessions);
        this.settingsStore = new SettingsStore(paths.settingsFile(),
                () -> Settings.defaults(InitialConnections.detect(profiles)));
        this.background = Executors.newCachedThreadPool(daemonThreads("studio-io"));
        com.endpointstudio.core.deploy.upload.ContentDigest.keepIn(digests());
    }

    public static StudioServices forCurrentUser() {
        return new StudioServices(StudioPaths.forCurrentUser(), AwsEnvironment.forCurrentUser(), true);
    }

    /**
     * Whether these are the running user's folders and AWS configuration, which another process of the
     * studio (a load generator) finds by itself; services over other folders are a test's.
     */
    public boolean isCurrentUsers() {
        return currentUsers;
    }

    public StudioPaths paths() {
        return paths;
    }

    public AwsEnvironment aws() {
        return aws;
    }

    public AwsSessionFactory sessions() {
        return sessions;
    }

    public ProfileCatalog profiles() {
        return profiles;
    }

    public ConnectionTester connectionTester() {
        return connectionTester;
    }

    public com.endpointstudio.core.packaging.ModelPackager packager() {
        return packager;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    /** The one executor for all I/O: AWS calls, disk and processes never run on the FX thread. */
    public ExecutorService background() {
        return background;
    }

    /** The Python chosen in Settings for local endpoints (null: python3 on the PATH). */
    public void usePythonInterpreter(String interpreter) {
        this.pythonInterpreter = interpreter;
    }

    private volatile boolean dockerForFrameworkImages;

    /** Whether local endpoints of framework images run in their container under Docker (Settings). */
    public void useDockerRuntime(boolean docker) {
        this.dockerForFrameworkImages = docker;
    }

    private volatile com.endpointstudio.core.connection.Connection localS3Connection;

    /**
     * The AWS connection Local hosting downloads s3:// model data through (Settings › Local hosting, or the
     * AWS options of {@code deploy --local}); null for none.
     */
    public void useS3ConnectionForLocal(com.endpointstudio.core.connection.Connection connection) {
        this.localS3Connection = connection;
    }

    /** The chosen connection's model data store, opened for one use. */
    private java.util.Optional<com.endpointstudio.hosting.local.S3ModelDataSource.Opened> openLocalS3() {
        com.endpointstudio.core.connection.Connection connection = localS3Connection;
        if (connection == null) {
            return java.util.Optional.empty();
        }
        com.endpointstudio.hosting.aws.AwsSession session = sessions.open(connection);
        return java.util.Optional.of(new com.endpointstudio.hosting.local.S3ModelDataSource.Opened(connection.name(),
                com.endpointstudio.hosting.aws.AwsHosting.of(session).modelData(), session));
    }

    public com.endpointstudio.hosting.local.LocalRuntimes localRuntimes() {
        return new com.endpointstudio.hosting.local.LocalRuntimes(() -> dockerForFrameworkImages,
                com.endpointstudio.hosting.local.DockerEngine::probe);
    }

    /** The hosting ports of any connection: AWS sessions, or this computer. */
    public com.endpointstudio.core.hosting.HostingProvider hostingProvider() {
        return new StudioHostingProvider(this);
    }

    /** Local endpoints; their model servers stop when the services close. */
    public synchronized com.endpointstudio.hosting.local.LocalHost localHost() {
        if (localHost == null) {
            localHost = new com.endpointstudio.hosting.local.LocalHost(localRoot(),
                    () -> com.endpointstudio.hosting.local.PythonInterpreter.detect(pythonInterpreter),
                    java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(60));
            localHost.readS3Through(this::openLocalS3);
        }
        return localHost;
    }

    /**
     * The SageMaker runtime API of local endpoints, on 127.0.0.1:{@value LocalRuntimePort#USUAL} when
     * that port is free (so scripts can keep one endpoint URL), else on any free port; the
     * system property {@value LocalRuntimePort#PROPERTY} chooses another port.
     */
    public synchronized com.endpointstudio.hosting.local.LocalRuntimeServer localRuntime() {
        if (localRuntime == null) {
            try {
                localRuntime = startRuntime(LocalRuntimePort.requested());
            } catch (java.io.IOException taken) {
                try {
                    localRuntime = startRuntime(0);
                } catch (java.io.IOException e) {
                    throw new com.endpointstudio.core.error.StudioException(
                            "The local runtime server could not open a port on 127.0.0.1: " + e.getMessage(), e);
                }
            }
        }
        return localRuntime;
    }

    private com.endpointstudio.hosting.local.LocalRuntimeServer startRuntime(int port) throws java.io.IOException {
        var server = new com.endpointstudio.hosting.local.LocalRuntimeServer(localHost(), localMetrics(), port);
        // The command line's `invoke --local` finds the running studio's runtime here.
        com.endpointstudio.core.io.AtomicFiles.write(localRuntimeUrlFile(),
                server.url().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return server;
    }

    /** Where the runtime server of a running studio (or `deploy --local`) writes its URL. */
    public java.nio.file.Path localRuntimeUrlFile() {
        return localRoot().resolve("runtime-url");
    }

    private volatile boolean servesLocalEndpoints;
    private RunningLocalRuntime runningRuntime;
    private com.endpointstudio.core.hosting.EndpointRuntime localEndpointRuntime;

    /**
     * Says this process serves Local endpoints (the window; `deploy --local` starts its server
     * itself): its own runtime server answers their invocations, started on first use.
     */
    public void serveLocalEndpoints() {
        servesLocalEndpoints = true;
    }

    /**
     * Where Local endpoints are invoked: this process's runtime server when it serves them, else
     * the one a running studio (or `deploy --local`) wrote its address for.
     */
    public String localRuntimeUrl() {
        RunningLocalRuntime running;
        synchronized (this) {
            if (servesLocalEndpoints || localRuntime != null) {
                return localRuntime().url();
            }
            if (runningRuntime == null) {
                runningRuntime = new RunningLocalRuntime(localRuntimeUrlFile());
            }
            running = runningRuntime;
        }
        return running.url();
    }

    /** Invokes Local endpoints through the local runtime server, over plain HTTP. */
    public synchronized com.endpointstudio.core.hosting.EndpointRuntime localEndpointRuntime() {
        if (localEndpointRuntime == null) {
            localEndpointRuntime = new com.endpointstudio.hosting.local.LocalRuntimeClient(this::localRuntimeUrl,
                    localBuckets(), localRoot());
        }
        return localEndpointRuntime;
    }

    /**
     * Python's own parser for the deploy doctor: the interpreter chosen in Settings (read from the
     * settings file when no window set it), else python3 on the PATH.
     */
    public com.endpointstudio.core.doctor.ScriptAnalyzer scriptAnalyzer() {
        return new com.endpointstudio.hosting.local.PythonScriptAnalyzer(() -> {
            String chosen = pythonInterpreter;
            if (chosen == null) {
                chosen = settingsStore.load().settings().pythonInterpreter();
            }
            return com.endpointstudio.hosting.local.PythonInterpreter.detect(chosen);
        }, localRoot().resolve("adapter"));
    }

    /** The deploy doctor's checks, with this machine's catalogs and Python. */
    public com.endpointstudio.core.doctor.Preflight preflight() {
        return new com.endpointstudio.core.doctor.Preflight(com.endpointstudio.core.instance.InstanceCatalog.load(),
                com.endpointstudio.core.doctor.ImagePackages.load(), scriptAnalyzer());
    }

    private com.endpointstudio.hosting.local.LocalTransforms localTransforms;

    /** Batch transform jobs on this computer; the jobs this process runs stop when the services close. */
    public synchronized com.endpointstudio.hosting.local.LocalTransforms localTransforms() {
        if (localTransforms == null) {
            localTransforms = new com.endpointstudio.hosting.local.LocalTransforms(
                    new com.endpointstudio.hosting.local.LocalHosting(localHost(), localRoot(), localRuntimes()));
        }
        return localTransforms;
    }

    /** The local bucket folder: S3 as Local hosting plays it. */
    public com.endpointstudio.hosting.local.LocalBuckets localBuckets() {
        return new com.endpointstudio.hosting.local.LocalBuckets(localRoot().resolve("buckets"));
    }

    public synchronized com.endpointstudio.hosting.local.LocalMetrics localMetrics() {
        if (localMetrics == null) {
            localMetrics = new com.endpointstudio.hosting.local.LocalMetrics(localRoot().resolve("metrics.json"));
            localMetrics.autosaveEvery(java.time.Duration.ofSeconds(30));
        }
        return localMetrics;
    }

    public java.nio.file.Path localRoot() {
        return paths.dataDir().resolve("local");
    }

    /** The packager's cache of input hashes, kept between runs. */
    private java.nio.file.Path digests() {
        return paths.dataDir().resolve("digests.tsv");
    }

    @Override
    public void close() {
        com.endpointstudio.core.deploy.upload.ContentDigest.stopKeepingIn(digests());
        synchronized (this) {
            if (localTransforms != null) {
                localTransforms.close();
            }
            if (localRuntime != null) {
                localRuntime.close();
            }
            try {
                if (localMetrics != null) {
                    localMetrics.close();
                }
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(StudioServices.class).warn("local metrics not saved: {}", e.getMessage());
            }
            if (localHost != null) {
                localHost.close();
            }
        }
        background.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
