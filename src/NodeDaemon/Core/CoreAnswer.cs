using System.Diagnostics.CodeAnalysis;

namespace StandardsCloud.NodeDaemon.Core;

/// <summary>How a call to the core went, in the terms the node acts on.</summary>
public enum CoreAnswerKind
{
    Ok,
    /// <summary>Not reachable, timed out, or a 5xx: worth trying again later.</summary>
    Unavailable,
    /// <summary>401 or 403: the credential is not (or no longer) accepted.</summary>
    Unauthorized,
    /// <summary>Any other 4xx: the core understood and said no.</summary>
    Refused,
}

/// <summary>An answer from the core: a value, or a kind of failure with a status and detail for the log.</summary>
public readonly record struct CoreAnswer<T>(CoreAnswerKind Kind, T? Value, int Status, string Detail)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Kind == CoreAnswerKind.Ok && Value is not null;

    public static CoreAnswer<T> Ok(T value) => new(CoreAnswerKind.Ok, value, 200, string.Empty);

    public static CoreAnswer<T> Failed(CoreAnswerKind kind, int status, string detail) => new(kind, null, status, detail);
}
