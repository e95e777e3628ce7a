namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>An EC2 error to send back: the code with its HTTP status, and a message for people.</summary>
public sealed record Ec2Error(Ec2ErrorCode Code, string Message)
{
    public int HttpStatus => Code.HttpStatus;

    /// <summary>The error document for this error.</summary>
    public byte[] ToXml(string requestId) => Ec2ErrorXml.Render(Code.Code, Message, requestId);
}
