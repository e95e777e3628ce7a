using System.IO.Pipelines;
using StandardsCloud.Storage.Access;

namespace StandardsCloud.Storage.Objects;

/// <summary>
/// Changes to a set of named JSON texts (user metadata, uninterpreted fields): either a whole new
/// set, or single items set (non-null) or removed (null) (CDMI 1.1.1 §16.6 with <c>?metadata:name</c>).
/// </summary>
public sealed record JsonItemsChange(IReadOnlyDictionary<string, string>? Replace, IReadOnlyDictionary<string, string?>? Items)
{
    public static JsonItemsChange None { get; } = new(null, null);

    public Dictionary<string, string> ApplyTo(IReadOnlyDictionary<string, string> current)
    {
        var result = new Dictionary<string, string>(Replace ?? current, StringComparer.Ordinal);
        foreach (var (name, value) in Items ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = value;
            }
        }

        return result;
    }
}

/// <summary>What a create or update of a container sets; null leaves a part as it is.</summary>
public sealed record ContainerWrite
{
    public JsonItemsChange Metadata { get; init; } = JsonItemsChange.None;

    /// <summary>Fields the specification does not define, kept uninterpreted (CDMI 1.1.1 §9.1, §11.1).</summary>
    public JsonItemsChange Fields { get; init; } = JsonItemsChange.None;

    public IReadOnlyList<AccessControlEntry>? Acl { get; init; }

    /// <summary>A new cdmi_value_hash; null keeps the object's (a new one takes its parent's, CDMI 1.1.1 §5.5).</summary>
    public ValueHashSetting? ValueHash { get; init; }

    public IReadOnlyDictionary<string, string>? Exports { get; init; }
}

/// <summary>What a create or update of a data object sets; null leaves a part as it is.</summary>
public sealed record DataObjectWrite
{
    public string? MimeType { get; init; }

    public JsonItemsChange Metadata { get; init; } = JsonItemsChange.None;

    /// <summary>Fields the specification does not define, kept uninterpreted (CDMI 1.1.1 §8.1).</summary>
    public JsonItemsChange Fields { get; init; } = JsonItemsChange.None;

    public IReadOnlyList<AccessControlEntry>? Acl { get; init; }

    /// <summary>A new cdmi_value_hash; null keeps the object's (a new one takes its parent's, CDMI 1.1.1 §5.5).</summary>
    public ValueHashSetting? ValueHash { get; init; }

    /// <summary>New bytes for the value, or null to keep it; the caller completes the reader.</summary>
    public PipeReader? Value { get; init; }

    /// <summary>Where <see cref="Value"/> goes: null replaces the whole value.</summary>
    public long? Offset { get; init; }

    /// <summary>How many bytes <see cref="Value"/> must hold when written at an offset.</summary>
    public long? Length { get; init; }

    /// <summary>utf-8 or base64: how CDMI reads should carry the value.</summary>
    public string? ValueTransferEncoding { get; init; }

    /// <summary>False while an X-CDMI-Partial upload goes on.</summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>
    /// A condition on the object the write replaces (null when it creates one), checked as the
    /// write commits; when false nothing changes (PreconditionFailed). Null: no condition.
    /// </summary>
    public Func<StoredObject?, bool>? Holds { get; init; }
}

/// <summary>
/// What a move's body changes on the object it moves (CDMI 1.1.1 §8.2.5, §9.2.5, §11.2.5): metadata (its
/// ACL and cdmi_value_hash too), a data object's mimetype and fields the body names. Null or
/// <see cref="JsonItemsChange.None"/> leaves a part as it is.
/// </summary>
public sealed record MoveWrite
{
    public static MoveWrite None { get; } = new();

    public string? MimeType { get; init; }

    public JsonItemsChange Metadata { get; init; } = JsonItemsChange.None;

    public JsonItemsChange Fields { get; init; } = JsonItemsChange.None;

    public IReadOnlyList<AccessControlEntry>? Acl { get; init; }

    public ValueHashSetting? ValueHash { get; init; }

    /// <summary>True when the move changes nothing but the object's place.</summary>
    public bool ChangesNothing => MimeType is null && Metadata == JsonItemsChange.None && Fields == JsonItemsChange.None && Acl is null && ValueHash is null;

    /// <summary>The same changes as a data object's update that keeps the value.</summary>
    public DataObjectWrite ForDataObject() =>
        new() { MimeType = MimeType, Metadata = Metadata, Fields = Fields, Acl = Acl, ValueHash = ValueHash };

    /// <summary>The same changes as a container's or queue's update; exports stay.</summary>
    public ContainerWrite ForHolder() => new() { Metadata = Metadata, Fields = Fields, Acl = Acl, ValueHash = ValueHash };
}
