namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>
/// Where a run keeps its files, all under <c>.data/&lt;name&gt;</c> (one folder per benchmark, so
/// two can run side by side): a fresh PostgreSQL cluster and site directory each run, and the logs
/// of every process kept until the next run.
/// </summary>
public sealed class BenchLayout(string root, string name)
{
    public string Root { get; } = root;
    public string Bench { get; } = Path.Combine(root, ".data", name);
    public string Postgres => Path.Combine(Bench, "pg");
    public string Site => Path.Combine(Bench, "site");
    public string Logs => Path.Combine(Bench, "logs");
    public string SiteConfig => Path.Combine(Bench, "site.json");

    /// <summary>Ids of the processes this run started, one a line, for the script's last-resort clean-up.</summary>
    public string PidFile => Path.Combine(Bench, "pids");

    public string Image => Path.Combine(Bench, "bench.img");
    public string AdminCredentials => Path.Combine(Site, "server", "admin.json");
    public string JoinToken => Path.Combine(Site, "server", "node-join-token");
    public string PostgresScript => Path.Combine(Root, "scripts", "postgres.sh");
    public string ServerDll => Path.Combine(Root, "src", "Server", "bin", "Release", "net10.0", "StandardsCloud.Server.dll");
    public string NodeDll => Path.Combine(Root, "src", "NodeDaemon", "bin", "Release", "net10.0", "StandardsCloud.NodeDaemon.dll");

    public string NodeData(int index) => Path.Combine(Site, "nodes", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Log(string name) => Path.Combine(Logs, name + ".log");

    /// <summary>Empties the site directory and logs of an earlier run (its cluster is wiped separately, once stopped).</summary>
    public void Reset()
    {
        if (Directory.Exists(Site))
        {
            Directory.Delete(Site, recursive: true);
        }

        if (Directory.Exists(Logs))
        {
            Directory.Delete(Logs, recursive: true);
        }

        Directory.CreateDirectory(Site);
        Directory.CreateDirectory(Logs);
    }
}
