using System.Text;
using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>What to answer: a status, headers and perhaps a body written straight to the response.</summary>
public sealed record CdmiReply(int Status)
{
    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public Func<Stream, CancellationToken, Task>? Body { get; init; }

    /// <summary>A body written into the response's own buffers, sparing a copy (large values).</summary>
    public Func<System.IO.Pipelines.PipeWriter, CancellationToken, Task>? PipeBody { get; init; }

    /// <summary>A readable plain-text error (CDMI 1.1.1 defines no error body).</summary>
    public static CdmiReply Error(int status, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + "\n");
        return new CdmiReply(status)
        {
            ContentType = "text/plain; charset=utf-8",
            ContentLength = bytes.Length,
            Body = (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(),
        };
    }

    public static CdmiReply Empty(int status) => new(status);

    /// <summary>A CDMI JSON body for <paramref name="view"/>.</summary>
    public static CdmiReply Json(int status, ObjectView view, FieldSelection selection, Func<Stream>? openValue = null, WireRange? valueRange = null) =>
        new(status)
        {
            ContentType = CdmiMediaTypes.Name(view.Type),
            Body = async (stream, ct) =>
            {
                var value = openValue is not null && selection.Includes("value") ? openValue() : null;
                await using (value)
                {
                    if (value is not null && valueRange is { } r && r.First > 0)
                    {
                        value.Seek(r.First, SeekOrigin.Begin);
                    }

                    await CdmiJsonWriter.WriteAsync(stream, view, selection, value, valueRange, ct);
                }
            },
        };
}
