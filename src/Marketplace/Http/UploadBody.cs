using Microsoft.AspNetCore.Http;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Http;

/// <summary>The document of an upload: the body itself (application/rdf+xml, or any XML type), or the first file of a multipart form.</summary>
internal static class UploadBody
{
    public static async Task<RdfOutcome<byte[]>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault();
            if (file is null)
            {
                return RdfOutcome<byte[]>.Fail("the form carries no file; send the signed metadata as a file part");
            }

            if (file.Length > maxBytes)
            {
                return RdfOutcome<byte[]>.Fail($"the document is {file.Length} bytes; at most {maxBytes} are accepted");
            }

            await using var part = file.OpenReadStream();
            return await ReadBoundedAsync(part, maxBytes, ct);
        }

        return await ReadBoundedAsync(request.Body, maxBytes, ct);
    }

    private static async Task<RdfOutcome<byte[]>> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return RdfOutcome<byte[]>.Fail($"the document is larger than {maxBytes} bytes, the most accepted");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? RdfOutcome<byte[]>.Fail("the request carries no document") : RdfOutcome<byte[]>.Ok(buffer.ToArray());
    }
}
