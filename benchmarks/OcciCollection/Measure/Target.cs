namespace StandardsCloud.OcciCollection.Measure;

/// <summary>How an answer lists the computes, and so how its entries are counted.</summary>
public enum AnswerShape
{
    /// <summary><c>text/uri-list</c>: one absolute location a line (GFD.229 §6).</summary>
    UriList,

    /// <summary><c>text/plain</c>: an <c>X-OCCI-Location: …</c> body line each (GFD.229 §5).</summary>
    TextPlain,

    /// <summary><c>text/occi</c>: one comma-joined <c>X-OCCI-Location</c> header, body <c>OK</c>.</summary>
    TextOcci,

    /// <summary><c>application/occi+json</c>: <c>{"resources":[…]}</c> (GFD.225 §3.6).</summary>
    OcciJson,

    /// <summary>The ceiling: a bare JSON array of the same objects.</summary>
    PlainJsonArray,
}

/// <summary>What is measured: an endpoint asked for one rendering, and the CPU of whatever answers it.</summary>
/// <param name="Name">The benchmark's name in the results.</param>
/// <param name="MediaType">What <c>Accept</c> asks for, and what the answer must be.</param>
/// <param name="ServerCpu">CPU seconds spent so far by what answers: the server and PostgreSQL, or the ceiling.</param>
public sealed record Target(string Name, string Label, Uri Url, string MediaType, AnswerShape Shape, Func<double> ServerCpu)
{
    public bool IsCeiling => Shape == AnswerShape.PlainJsonArray;
}
