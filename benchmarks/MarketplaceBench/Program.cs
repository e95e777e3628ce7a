using System.Globalization;
using StandardsCloud.MarketplaceBench;

// Usage: MarketplaceBench --vectors DIR --connection CS [--documents 1000] [--entries 100000] [--queries 200] [--only verify|search] [--out FILE]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: MarketplaceBench --vectors DIR --connection CS [--documents N] [--entries N] [--queries N] [--out FILE]");
    return 2;
}

var results = new List<BenchmarkRecord>();
if (options.Only is null or "verify")
{
    Console.WriteLine($"signature verification: {options.Documents} documents, ours then xmlsec1 --verify");
    results.Add(await VerificationBench.RunAsync(options));
}

if (options.Only is null or "search")
{
    Console.WriteLine($"search: {options.Entries} entries, {options.Queries} queries of each kind");
    results.Add(await SearchBench.RunAsync(options));
}
BenchmarkRecord.Write(options.Out, results);
foreach (var r in results)
{
    Console.WriteLine($"{r.Name}: " + string.Join(", ", r.Results.Select(p => $"{p.Key}={p.Value}")));
}

Console.WriteLine("results: " + Path.GetFullPath(options.Out));
return 0;

namespace StandardsCloud.MarketplaceBench
{
    /// <summary>What a run is asked to do.</summary>
    internal sealed record BenchOptions(string Vectors, string Connection, int Documents, int Entries, int Queries, string Out, string? Only, bool KeepData)
    {
        public static BenchOptions? Parse(string[] args)
        {
            string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) => int.TryParse(Get(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
            return Get("--vectors") is { } vectors && Get("--connection") is { } connection
                ? new BenchOptions(vectors, connection, Number("--documents", 1000), Number("--entries", 100_000), Number("--queries", 200),
                    Get("--out") ?? "benchmarks/results/marketplace.xml", Get("--only"), args.Contains("--keep-data"))
                : null;
        }
    }
}
