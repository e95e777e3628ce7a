using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>Bounds on what a metadata document may cost to read.</summary>
public sealed record XmlLimits
{
    /// <summary>Largest document accepted, in bytes; StratusLab entries are a few KiB.</summary>
    public int MaxBytes { get; init; } = 256 * 1024;

    /// <summary>Deepest element nesting accepted.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most elements accepted in one document.</summary>
    public int MaxElements { get; init; } = 5_000;

    public static XmlLimits Default { get; } = new();
}

/// <summary>
/// Reads untrusted XML into a DOM the signature code can use: no DTD (so no entities, internal
/// or external), no resolver, and bounded size, depth and element count, checked in a streaming
/// pass before any tree is built. Whitespace is kept because it is signed content.
/// </summary>
public static class SafeXml
{
    public static RdfOutcome<XmlDocument> Load(ReadOnlySpan<byte> bytes, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        if (bytes.Length == 0)
        {
            return RdfOutcome<XmlDocument>.Fail("the document is empty");
        }

        if (bytes.Length > limits.MaxBytes)
        {
            return RdfOutcome<XmlDocument>.Fail($"the document is {bytes.Length} bytes; at most {limits.MaxBytes} are accepted");
        }

        var buffer = bytes.ToArray();
        try
        {
            var shape = CheckShape(buffer, limits);
            if (shape is not null)
            {
                return RdfOutcome<XmlDocument>.Fail(shape);
            }

            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(buffer, writable: false), Settings(limits));
            document.Load(reader);
            return RdfOutcome<XmlDocument>.Ok(document);
        }
        catch (XmlException e)
        {
            // XML 1.0 §2.8: a DTD is refused outright, whatever it declares.
            return RdfOutcome<XmlDocument>.Fail(e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "a DTD is not allowed in metadata (no document type declarations, no entities)"
                : $"the document is not well-formed XML: {e.Message}");
        }
    }

    private static string? CheckShape(byte[] buffer, XmlLimits limits)
    {
        using var reader = XmlReader.Create(new MemoryStream(buffer, writable: false), Settings(limits));
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (++elements > limits.MaxElements)
            {
                return $"the document has more than {limits.MaxElements} elements";
            }

            if (reader.Depth >= limits.MaxDepth)
            {
                return $"elements are nested more than {limits.MaxDepth} deep";
            }
        }

        return null;
    }

    private static XmlReaderSettings Settings(XmlLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = limits.MaxBytes,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
    };
}
