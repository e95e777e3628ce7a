using System.Diagnostics.CodeAnalysis;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Outcome of parsing a Query API request: either the request or a message that says, in
/// terms a client can act on, why the bytes were refused.
/// </summary>
public sealed class QueryParseResult
{
    private QueryParseResult(QueryRequest? request, string? error)
    {
        Request = request;
        Error = error;
    }

    /// <summary>The parsed request when <see cref="Succeeded"/>.</summary>
    public QueryRequest? Request { get; }

    /// <summary>Why parsing failed, when it did.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Request is not null;

    internal static QueryParseResult Ok(QueryRequest request) => new(request, null);

    internal static QueryParseResult Fail(string error) => new(null, error);
}
