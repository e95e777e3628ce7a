using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.MarketplaceBench;

/// <summary>
/// Signature verification of the same signed documents by us (in process) and by
/// <c>xmlsec1 --verify</c> (one process per document, as a site script or StratusLab's tools
/// would run it), in the same run on the same machine.
/// </summary>
internal static class VerificationBench
{
    public static async Task<BenchmarkRecord> RunAsync(BenchOptions options)
    {
        var certificatePath = Path.Combine(options.Vectors, "endorser-cert.pem");
        using var endorser = X509Certificate2.CreateFromPemFile(certificatePath, Path.Combine(options.Vectors, "endorser-key.pem"));
        var template = MetadataReader.Read(File.ReadAllBytes(Path.Combine(options.Vectors, "tiny-image.metadata.xml"))).Value!;
        var directory = Directory.CreateTempSubdirectory("sc-mp-bench-");
        try
        {
            var documents = new List<(string Path, byte[] Bytes)>(options.Documents);
            for (var i = 0; i < options.Documents; i++)
            {
                var sha1 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
                var bytes = MetadataSigner.SignToBytes(template with
                {
                    Identifier = MarketplaceIdentifier.FromSha1(sha1)!,
                    Checksums = [new ImageChecksum("SHA-1", sha1)],
                }, endorser);
                var path = Path.Combine(directory.FullName, $"{i:D5}.xml");
                await File.WriteAllBytesAsync(path, bytes);
                documents.Add((path, bytes));
            }

            // One pass to load code and caches, then the measured pass.
            foreach (var (_, bytes) in documents.Take(50))
            {
                SignatureVerifier.Verify(bytes);
            }

            var ours = Stopwatch.StartNew();
            var oursFailed = documents.Count(d => !SignatureVerifier.Verify(d.Bytes).IsOk);
            ours.Stop();

            var theirs = Stopwatch.StartNew();
            var theirsFailed = 0;
            foreach (var (path, _) in documents)
            {
                theirsFailed += await XmlsecAsync(certificatePath, path) == 0 ? 0 : 1;
            }

            theirs.Stop();
            var oursRate = documents.Count / ours.Elapsed.TotalSeconds;
            var theirsRate = documents.Count / theirs.Elapsed.TotalSeconds;
            return new BenchmarkRecord("marketplace_signature_verification",
                new Dictionary<string, string>
                {
                    ["documents"] = options.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["signature"] = "rsa-sha256, c14n, 2048-bit key",
                    ["cpus"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                new Dictionary<string, string>
                {
                    ["elapsed_time"] = BenchmarkRecord.Number(ours.Elapsed.TotalSeconds, 3),
                    ["ops_per_sec"] = BenchmarkRecord.Number(oursRate, 0),
                    ["failed"] = oursFailed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["xmlsec1_elapsed_time"] = BenchmarkRecord.Number(theirs.Elapsed.TotalSeconds, 3),
                    ["xmlsec1_ops_per_sec"] = BenchmarkRecord.Number(theirsRate, 0),
                    ["xmlsec1_failed"] = theirsFailed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["speedup"] = BenchmarkRecord.Number(oursRate / theirsRate, 1),
                    ["target_speedup"] = "10",
                });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<int> XmlsecAsync(string certificate, string file)
    {
        var start = new ProcessStartInfo("xmlsec1") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--verify", "--trusted-pem", certificate, file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        return process.ExitCode;
    }
}
