using System.Diagnostics;
using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.Marketplace;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.MarketplaceBench;

/// <summary>
/// Search over a Marketplace of many entries in PostgreSQL: text, os and arch, tag, endorser and
/// identifier queries through the catalogue, each answering up to 100 entries. The entries are
/// written directly (signing 100,000 documents would measure signing); each carries a small
/// stand-in document, since search never reads it.
/// </summary>
internal static class SearchBench
{
    private static readonly string[] Systems = ["debian", "ubuntu", "centos", "fedora", "ttylinux", "busybox", "alpine", "sl", "opensuse", "arch"];
    private static readonly string[] Arches = ["x86_64", "i686", "aarch64"];
    private static readonly string[] Words = ["grid", "worker", "node", "base", "minimal", "desktop", "hadoop", "analysis", "physics", "bio",
        "genomics", "web", "database", "cluster", "teaching", "tutorial", "legacy", "secure", "cloud", "compute"];

    public static async Task<BenchmarkRecord> RunAsync(BenchOptions options)
    {
        var schema = "bench_market_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        using var documents = MarketplaceStore.Create(options.Connection, schema);
        await MarketplaceStore.MigrateAsync(documents);
        try
        {
            var random = new Random(42);
            var identifiers = new List<string>();
            var load = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            for (var batch = 0; batch < options.Entries; batch += 10_000)
            {
                var entries = Enumerable.Range(batch, Math.Min(10_000, options.Entries - batch)).Select(i => Entry(random, i, now, identifiers)).ToList();
                await documents.BulkInsertAsync(entries);
            }

            // A long-lived database has been vacuumed by autovacuum: statistics gathered, new GIN
            // entries moved from the pending list into the index. A freshly filled one gets that now.
            await using (var connection = new Npgsql.NpgsqlConnection(options.Connection))
            {
                await connection.OpenAsync();
                await using var analyze = new Npgsql.NpgsqlCommand($"VACUUM ANALYZE {schema}.mt_doc_marketplaceentry", connection);
                await analyze.ExecuteNonQueryAsync();
            }

            load.Stop();
            var store = new MarketplaceStore(documents);
            var catalog = new MarketplaceCatalog(store, new MarketplaceOptions(), TimeProvider.System, NullLogger<MarketplaceCatalog>.Instance);
            var queries = new (string Kind, Func<int, EntryQuery> Make)[]
            {
                ("word", i => new EntryQuery { Text = Words[i % Words.Length] }),
                ("two_words", i => new EntryQuery { Text = Words[i % Words.Length] + " " + Words[(i + 7) % Words.Length] }),
                ("os_arch", i => new EntryQuery { Os = Systems[i % Systems.Length], Arch = Arches[i % Arches.Length] }),
                ("tag", i => new EntryQuery { Tag = $"tag-{i % 500}" }),
                ("endorser", i => new EntryQuery { Email = $"endorser{i % 200}@example.org" }),
                ("identifier", i => new EntryQuery { Identifier = identifiers[i * 37 % identifiers.Count], Status = "all" }),
            };

            foreach (var (_, make) in queries)
            {
                await catalog.FindAsync(make(0), CancellationToken.None);
            }

            var samples = new List<double>();
            var byKind = queries.ToDictionary(q => q.Kind, _ => new List<double>());
            var found = 0L;
            var elapsed = Stopwatch.StartNew();
            for (var i = 0; i < options.Queries; i++)
            {
                foreach (var (kind, make) in queries)
                {
                    var one = Stopwatch.StartNew();
                    found += (await catalog.FindAsync(make(i + 1), CancellationToken.None)).Value!.Count;
                    samples.Add(one.Elapsed.TotalMilliseconds);
                    byKind[kind].Add(one.Elapsed.TotalMilliseconds);
                }
            }

            elapsed.Stop();
            samples.Sort();
            var results = new Dictionary<string, string>();
            return new BenchmarkRecord("marketplace_search",
                new Dictionary<string, string>
                {
                    ["entries"] = options.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["queries"] = samples.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["kinds"] = "text, two words, os+arch, tag, endorser, identifier",
                    ["limit"] = "100",
                },
                new Dictionary<string, string>(results.Concat(byKind.Select(k =>
                    KeyValuePair.Create($"p95_ms_{k.Key}", BenchmarkRecord.Number(BenchmarkRecord.Quantile([.. k.Value.Order()], 0.95))))))
                {
                    ["load_time"] = BenchmarkRecord.Number(load.Elapsed.TotalSeconds, 1),
                    ["elapsed_time"] = BenchmarkRecord.Number(elapsed.Elapsed.TotalSeconds, 2),
                    ["ops_per_sec"] = BenchmarkRecord.Number(samples.Count / elapsed.Elapsed.TotalSeconds, 0),
                    ["p50_ms"] = BenchmarkRecord.Number(BenchmarkRecord.Quantile(samples, 0.50)),
                    ["p95_ms"] = BenchmarkRecord.Number(BenchmarkRecord.Quantile(samples, 0.95)),
                    ["p99_ms"] = BenchmarkRecord.Number(BenchmarkRecord.Quantile(samples, 0.99)),
                    ["entries_found"] = found.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["target_p95_ms"] = "20",
                });
        }
        finally
        {
            if (!options.KeepData)
            {
                await documents.Advanced.Clean.CompletelyRemoveAllAsync();
            }
        }
    }

    private static MarketplaceEntry Entry(Random random, int i, DateTimeOffset now, List<string> identifiers)
    {
        var sha1 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var identifier = MarketplaceIdentifier.FromSha1(sha1)!;
        identifiers.Add(identifier);
        var os = Systems[random.Next(Systems.Length)];
        var arch = Arches[random.Next(Arches.Length)];
        var title = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {os} image {i}";
        var email = $"endorser{random.Next(200)}@example.org";
        var created = now.AddMinutes(-random.Next(1, 500_000));
        var tag = $"tag-{random.Next(500)}";
        var createdText = MetadataDates.Format(created);
        var deprecated = random.Next(20) == 0;
        return new MarketplaceEntry
        {
            Id = MarketplaceEntry.KeyOf(identifier, email, createdText),
            Identifier = identifier,
            Email = email,
            Created = created,
            CreatedText = createdText,
            Valid = random.Next(10) == 0 ? now.AddDays(-1) : now.AddYears(1),
            Deprecated = deprecated ? "withdrawn" : null,
            IsDeprecated = deprecated,
            IsLatest = random.Next(10) != 0,
            Type = "machine",
            Title = title,
            Description = $"A {os} {arch} image for {Words[random.Next(Words.Length)]} work.",
            Os = os,
            OsArch = arch,
            OsVersion = "1.0",
            Format = "qcow2",
            Sha1 = sha1,
            Bytes = 1 << 30,
            Tags = [tag],
            Locations = [$"http://images.example.org/{identifier}.qcow2"],
            Subject = $"CN=Endorser {email}",
            Issuer = "CN=Test CA",
            SearchWords = SearchWords.Of([title, os, arch, email, tag]),
            UploadedAt = created,
            Document = "<rdf:RDF/>"u8.ToArray(),
        };
    }
}
