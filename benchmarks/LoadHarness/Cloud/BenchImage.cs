using System.Security.Cryptography;

namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>
/// The image every benchmark instance boots: a few KiB of the same bytes every run. The test driver
/// never reads it as a disk; node daemons still fetch and check it by SHA-1, as for any image.
/// </summary>
public static class BenchImage
{
    private const int Size = 4096;

    /// <summary>Writes the image to <paramref name="path"/>; returns its SHA-1 in lower-case hex.</summary>
    public static string Write(string path)
    {
        var bytes = new byte[Size];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 131) + (i >> 8));
        }

        File.WriteAllBytes(path, bytes);
        return Convert.ToHexStringLower(SHA1.HashData(bytes));
    }
}
