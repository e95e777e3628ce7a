using System.Buffers;
using System.IO.Pipelines;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>One request on the CDMI port, with its HTTP details already read.</summary>
public sealed record CdmiCall
{
    public required string Method { get; init; }

    /// <summary>The request path, percent-decoded.</summary>
    public required string Path { get; init; }

    public required FieldSelection Selection { get; init; }

    /// <summary>The raw query, kept for redirects.</summary>
    public string Query { get; init; } = "";

    /// <summary>The negotiated X-CDMI-Specification-Version, or null for a non-CDMI request.</summary>
    public string? Version { get; init; }

    public string? ContentType { get; init; }

    public string? Accept { get; init; }

    /// <summary>The request body, read from the server's own buffers.</summary>
    public PipeReader Body { get; init; } = PipeReader.Create(ReadOnlySequence<byte>.Empty);

    public string? Range { get; init; }

    public string? ContentRange { get; init; }

    /// <summary>If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range.</summary>
    public HttpPreconditions Preconditions { get; init; } = HttpPreconditions.None;

    /// <summary>X-CDMI-Partial: true (CDMI 1.1.1 §8.2.4).</summary>
    public bool Partial { get; init; }

    public required StorageCaller Caller { get; init; }

    public bool IsCdmi => Version is not null;
}
