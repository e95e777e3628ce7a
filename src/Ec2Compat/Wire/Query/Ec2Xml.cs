namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Renders successful EC2 Query API responses: <c>&lt;{Action}Response
/// xmlns="http://ec2.amazonaws.com/doc/{Version}/"&gt;</c> with <c>requestId</c> first,
/// as in the response examples of the AWS EC2 API reference.
/// </summary>
/// <example>
/// <code>
/// var body = Ec2Xml.Response("TerminateInstances", request.Version, requestId, w => w
///     .Set("instancesSet", changes, (w, c) => w
///         .Element("instanceId", c.Id)
///         .Structure("currentState", s => s.Element("code", 32).Element("name", "shutting-down"))));
/// </code>
/// </example>
public static class Ec2Xml
{
    /// <summary>Namespace of the EC2 API documents for a version.</summary>
    public static string Namespace(string? version) => $"http://ec2.amazonaws.com/doc/{SafeVersion(version)}/";

    /// <summary>
    /// The UTF-8 bytes, without a byte-order mark, of a complete response document.
    /// <paramref name="action"/> must be a known action name (it becomes an element name);
    /// values may hold any text.
    /// </summary>
    public static byte[] Response(string action, string? version, string requestId, Action<Ec2XmlWriter> body)
    {
        using var document = Render(action, version, requestId, body);
        return document.ToArray();
    }

    /// <summary>As <see cref="Response"/>, held in pooled chunks until the caller has sent and disposed it.</summary>
    public static PooledDocument Render(string action, string? version, string requestId, Action<Ec2XmlWriter> body)
    {
        var document = new PooledDocument();
        using (var xml = Ec2XmlDocument.Start(document))
        {
            xml.WriteStartElement(action + "Response", Namespace(version));
            xml.WriteTextElement("requestId", requestId);
            body(new Ec2XmlWriter(xml));
            xml.WriteEndElement();
        }

        return document;
    }

    // The version becomes part of a namespace URI, so anything but the date form EC2 uses
    // (YYYY-MM-DD) falls back to the default rather than being echoed into the document.
    private static string SafeVersion(string? version)
    {
        if (version is not { Length: 10 })
            return QueryRequest.DefaultVersion;
        for (var i = 0; i < version.Length; i++)
        {
            var ok = i is 4 or 7 ? version[i] == '-' : char.IsAsciiDigit(version[i]);
            if (!ok)
                return QueryRequest.DefaultVersion;
        }

        return version;
    }
}
