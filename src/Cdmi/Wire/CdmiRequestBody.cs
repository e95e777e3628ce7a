namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The fields of a CDMI create or update body (CDMI 1.1.1 §8.2.5, §9.2.5, §11.2.5), as read; the
/// value is kept as the UTF-8 bytes of its JSON string, decoded only when used.
/// </summary>
public sealed record CdmiRequestBody
{
    public string? MimeType { get; init; }

    /// <summary>Metadata items as JSON texts, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Metadata { get; init; }

    public string? DomainUri { get; init; }

    public string? Copy { get; init; }

    public string? Move { get; init; }

    public string? Reference { get; init; }

    public string? Deserialize { get; init; }

    public string? Serialize { get; init; }

    public string? DeserializeValue { get; init; }

    public string? ValueTransferEncoding { get; init; }

    /// <summary>The value's JSON string, unescaped, as UTF-8; null when absent.</summary>
    public byte[]? Value { get; init; }

    /// <summary>Several values to enqueue at once (CDMI 1.1.1 §11.6): value, mimetype and encoding as arrays.</summary>
    public IReadOnlyList<byte[]>? Values { get; init; }

    public IReadOnlyList<string>? MimeTypes { get; init; }

    public IReadOnlyList<string>? ValueTransferEncodings { get; init; }

    /// <summary>Exports (CDMI 1.1.1 §13): protocol name to JSON text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Exports { get; init; }

    /// <summary>
    /// Fields the standard does not define (CDMI 1.1.1 §8.1): names to JSON texts as given, in the
    /// order given; the text <c>null</c> asks for the field to be removed. Null when there are none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? UninterpretedFields { get; init; }

    /// <summary>Which of copy, move, reference, deserialize, serialize and deserializevalue are present.</summary>
    public IReadOnlyList<string> Sources =>
        [.. new (string Name, string? Value)[]
        {
            ("copy", Copy), ("move", Move), ("reference", Reference),
            ("deserialize", Deserialize), ("serialize", Serialize), ("deserializevalue", DeserializeValue),
        }.Where(s => s.Value is not null).Select(s => s.Name)];
}
