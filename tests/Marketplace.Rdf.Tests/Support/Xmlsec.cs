using System.Diagnostics;

namespace StandardsCloud.Marketplace.Rdf.Tests.Support;

/// <summary>Runs Debian's <c>xmlsec1</c> (libxmlsec1), the independent verifier our signatures must satisfy.</summary>
internal static class Xmlsec
{
    public static async Task<(int ExitCode, string Output)> VerifyAsync(byte[] document, string trustedPem)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sc-mp-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, document);
        try
        {
            var start = new ProcessStartInfo("xmlsec1")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--verify", "--trusted-pem", trustedPem, file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
