namespace StandardsCloud.NodeDaemon.Context;

/// <summary>
/// A domain's context disk: an ISO 9660 image labelled <c>cidata</c> (Joliet and Rock Ridge names,
/// as cloud-localds writes it) holding the seed's files. The digest of the content it was built
/// from sits beside it, so an unchanged seed is not built again.
/// </summary>
public static class ContextDisk
{
    /// <summary>The volume id cloud-init's NoCloud source looks for.</summary>
    public const string VolumeId = "cidata";

    /// <summary>Builds <paramref name="iso"/> from <paramref name="seed"/> unless it already holds exactly that seed.</summary>
    public static async Task<Outcome> EnsureAsync(string iso, ContextSeed seed, CancellationToken cancellationToken)
    {
        var digest = seed.Digest;
        var digestFile = DigestPath(iso);
        if (File.Exists(iso) && File.Exists(digestFile)
            && (await File.ReadAllTextAsync(digestFile, cancellationToken).ConfigureAwait(false)).Trim() == digest)
        {
            return Outcome.Ok();
        }

        var directory = Path.GetDirectoryName(iso)!;
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".{Path.GetFileName(iso)}.{Guid.NewGuid():N}");
        var temp = staging + ".iso";
        try
        {
            Directory.CreateDirectory(staging);
            var arguments = new List<string> { "-quiet", "-output", temp, "-volid", VolumeId, "-joliet", "-rock" };
            foreach (var file in seed.Files)
            {
                var path = Path.Combine(staging, file.Name);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
                arguments.Add(path);
            }

            var built = await ExternalTool.RunAsync("genisoimage", arguments, null, "to build the context disk (Debian package genisoimage)", cancellationToken).ConfigureAwait(false);
            if (!built.IsOk)
            {
                return built;
            }

            // The digest goes last: a crash in between leaves a disk that is simply built again.
            File.Delete(digestFile);
            File.Move(temp, iso, overwrite: true);
            await File.WriteAllTextAsync(digestFile, digest + "\n", cancellationToken).ConfigureAwait(false);
            return Outcome.Ok();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome.Fail($"context disk {iso}: {e.Message}");
        }
        finally
        {
            File.Delete(temp);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Removes a domain's context disk and its digest; files already gone are fine.</summary>
    public static void Remove(string iso)
    {
        File.Delete(iso);
        File.Delete(DigestPath(iso));
    }

    private static string DigestPath(string iso) => iso + ".sha256";
}
