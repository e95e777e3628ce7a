namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The error document of the EC2 Query API (AWS EC2 API reference, "Error codes", example
/// error response):
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>.
/// It has no namespace, and the request id element is spelled <c>RequestID</c> here although
/// success bodies spell it <c>requestId</c>; botocore's EC2 error parser looks for exactly
/// this spelling.
/// </summary>
public static class Ec2ErrorXml
{
    public static byte[] Render(Ec2ErrorCode code, string message, string requestId) =>
        Render(code.Code, message, requestId);

    public static byte[] Render(string code, string message, string requestId)
    {
        using var stream = new MemoryStream();
        using (var xml = Ec2XmlDocument.Start(stream))
        {
            xml.WriteStartElement("Response");
            xml.WriteStartElement("Errors");
            xml.WriteStartElement("Error");
            xml.WriteTextElement("Code", code);
            xml.WriteTextElement("Message", message);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteTextElement("RequestID", requestId);
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }
}
