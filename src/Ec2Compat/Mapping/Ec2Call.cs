using StandardsCloud.Compute;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>One authenticated EC2 call, as the mapping sees it.</summary>
/// <param name="AtEucalyptusPath">Sent to <c>/services/Eucalyptus</c>, where Eucalyptus's own clients expect its answer shapes.</param>
public sealed record Ec2Call(QueryRequest Query, Actor Actor, string RequestId, string Endpoint, CancellationToken Cancellation, bool AtEucalyptusPath = false)
{
    public PooledDocument Respond(Action<Ec2XmlWriter> body) => Ec2Xml.Render(Query.Action!, Query.Version, RequestId, body);
}

/// <summary>What an action answers: a response document (which the endpoint sends and disposes) or an EC2 error.</summary>
public sealed record Ec2Result(PooledDocument? Xml, Ec2Error? Error)
{
    public static implicit operator Ec2Result(PooledDocument xml) => new(xml, null);

    public static implicit operator Ec2Result(Ec2Error error) => new(null, error);

    public static Ec2Result Fail(Ec2ErrorCode code, string message) => new Ec2Error(code, message);
}
