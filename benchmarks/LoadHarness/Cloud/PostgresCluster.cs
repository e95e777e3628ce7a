using System.Globalization;

namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>
/// The benchmark's own PostgreSQL, started and stopped through <c>scripts/postgres.sh</c> so it is
/// configured exactly as the project's other private clusters. Each run starts from an empty one.
/// </summary>
public sealed class PostgresCluster(BenchLayout layout, int port, bool noFsync)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    public int Port => port;
    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=standardscloud";

    /// <summary>The postmaster's process id, known once started.</summary>
    public int? PostmasterId { get; private set; }

    public async Task StartFreshAsync(CancellationToken ct)
    {
        // A cluster left by an interrupted run is stopped before its directory goes.
        if (Directory.Exists(Path.Combine(layout.Postgres, "data")))
        {
            await RunScriptAsync("stop", "postgres-stop-stale", ct).ConfigureAwait(false);
            Directory.Delete(layout.Postgres, recursive: true);
        }

        string[] flags = noFsync ? ["--no-fsync"] : [];
        await RunScriptAsync("start", "postgres-start", ct, flags).ConfigureAwait(false);
        var pidFile = Path.Combine(layout.Postgres, "data", "postmaster.pid");
        PostmasterId = int.Parse(File.ReadLines(pidFile).First().Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Vacuums and analyzes the database, as pgbench does before it measures: a load of thousands
    /// of rows a moment ago leaves the planner without statistics that autovacuum would give it
    /// within a minute or two on a running site.
    /// </summary>
    public async Task VacuumAnalyzeAsync(CancellationToken ct)
    {
        string[] arguments = ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "standardscloud", "-qc", "VACUUM ANALYZE"];
        await using var psql = ChildProcess.Start("vacuum", "psql", arguments, layout.Log("vacuum"));
        var exit = await psql.WaitAsync(ScriptTimeout, ct).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new BenchAbortedException($"VACUUM ANALYZE failed (exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "timeout"}); see {layout.Log("vacuum")}");
        }
    }

    /// <summary>Stops the cluster and keeps its server log beside the other logs of the run.</summary>
    public async Task StopAsync()
    {
        await RunScriptAsync("stop", "postgres-stop", CancellationToken.None).ConfigureAwait(false);
        var log = Path.Combine(layout.Postgres, "pg.log");
        if (File.Exists(log))
        {
            File.Copy(log, layout.Log("postgres"), overwrite: true);
        }
    }

    private async Task RunScriptAsync(string action, string logName, CancellationToken ct, params string[] flags)
    {
        string[] arguments = [layout.PostgresScript, .. flags, action, layout.Postgres, port.ToString(CultureInfo.InvariantCulture)];
        await using var script = ChildProcess.Start(logName, "bash", arguments, layout.Log(logName));
        var exit = await script.WaitAsync(ScriptTimeout, ct).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new BenchAbortedException($"scripts/postgres.sh {action} failed (exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "timeout"}); see {layout.Log(logName)}");
        }
    }
}
