using System.Text;

namespace StandardsCloud.NodeDaemon.Metadata;

/// <summary>
/// One place in the metadata tree: a value (its bytes) or a directory of named entries. A directory
/// lists each entry on its own line, as EC2 does: sub-directories with a trailing <c>/</c>, unless an
/// entry says how it is listed (<c>0=my-key</c> for the directory <c>0</c>, or the plain names of the
/// top levels).
/// </summary>
public sealed class MetadataNode
{
    private readonly byte[]? _value;
    private readonly IReadOnlyList<Entry> _entries;

    private MetadataNode(byte[]? value, IReadOnlyList<Entry> entries)
    {
        _value = value;
        _entries = entries;
    }

    public bool IsDirectory => _value is null;

    /// <summary>A value given as text, sent as UTF-8.</summary>
    public static MetadataNode Text(string text) => new(Encoding.UTF8.GetBytes(text), []);

    /// <summary>A value given as bytes, sent as they are.</summary>
    public static MetadataNode Bytes(byte[] bytes) => new(bytes, []);

    /// <summary>A category (a directory); entries whose node is null are left out.</summary>
    public static MetadataNode Category(params Entry[] entries) =>
        new(null, entries.Where(e => e.Node is not null).ToList());

    /// <summary>The entry at a relative path (segments without slashes), or null when there is none.</summary>
    public MetadataNode? Find(IEnumerable<string> segments)
    {
        var node = this;
        foreach (var segment in segments)
        {
            node = node._entries.FirstOrDefault(e => e.Name == segment)?.Node;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>What a GET answers: the value's bytes, or the directory's listing.</summary>
    public byte[] Content() =>
        _value ?? Encoding.UTF8.GetBytes(string.Join('\n', _entries.Select(e => e.Listed ?? (e.Node!.IsDirectory ? e.Name + "/" : e.Name))));

    /// <summary>A named entry of a directory; <paramref name="Listed"/> replaces the name in the listing.</summary>
    public sealed record Entry(string Name, MetadataNode? Node, string? Listed = null);
}
