using System.Security.Cryptography;

namespace StandardsCloud.NodeDaemon.Context;

/// <summary>One file on the context disk: its name at the root of the ISO and its exact bytes.</summary>
public sealed record SeedFile(string Name, byte[] Content);

/// <summary>
/// The files of one instance's context disk, in the order they are written, and a digest of all
/// of them that tells whether a disk built earlier still holds the same thing.
/// </summary>
public sealed record ContextSeed(IReadOnlyList<SeedFile> Files)
{
    /// <summary>SHA-256 over every file's name and content, each length-prefixed, as lowercase hex.</summary>
    public string Digest
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> length = stackalloc byte[8];
            foreach (var file in Files)
            {
                var name = System.Text.Encoding.UTF8.GetBytes(file.Name);
                foreach (var part in new[] { name, file.Content })
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, part.LongLength);
                    hash.AppendData(length);
                    hash.AppendData(part);
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>The content of <paramref name="name"/> as UTF-8 text, or null when there is no such file.</summary>
    public string? Text(string name) =>
        Files.FirstOrDefault(f => f.Name == name) is { } file ? System.Text.Encoding.UTF8.GetString(file.Content) : null;
}
