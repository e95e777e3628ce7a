using System.Globalization;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>What the preconditions of a request decide (RFC 9110 §13.2.2).</summary>
public enum PreconditionOutcome
{
    /// <summary>Carry the request out.</summary>
    Proceed,

    /// <summary>A GET or HEAD whose representation the client already has: 304.</summary>
    NotModified,

    /// <summary>A condition is false: 412.</summary>
    Failed,
}

/// <summary>
/// The conditional request headers (RFC 9110 §13.1): If-Match, If-None-Match, If-Modified-Since,
/// If-Unmodified-Since and If-Range, evaluated against a data object's entity tag (the quoted
/// SHA-256 of its value) and its modification time. A header that cannot be read is ignored,
/// as §13.1.3 and §13.1.4 say for dates.
/// </summary>
public sealed record HttpPreconditions
{
    private const int MaxHeaderLength = 4096;

    public static HttpPreconditions None { get; } = new();

    public IReadOnlyList<string>? IfMatch { get; init; }

    public IReadOnlyList<string>? IfNoneMatch { get; init; }

    public DateTimeOffset? IfModifiedSince { get; init; }

    public DateTimeOffset? IfUnmodifiedSince { get; init; }

    public string? IfRange { get; init; }

    public bool IsEmpty => IfMatch is null && IfNoneMatch is null && IfModifiedSince is null && IfUnmodifiedSince is null;

    public static HttpPreconditions Read(string? ifMatch, string? ifNoneMatch, string? ifModifiedSince, string? ifUnmodifiedSince, string? ifRange) => new()
    {
        IfMatch = Tags(ifMatch),
        IfNoneMatch = Tags(ifNoneMatch),
        IfModifiedSince = Date(ifModifiedSince),
        IfUnmodifiedSince = Date(ifUnmodifiedSince),
        IfRange = string.IsNullOrWhiteSpace(ifRange) || ifRange.Length > MaxHeaderLength ? null : ifRange.Trim(),
    };

    /// <summary>
    /// The decision for a request on a resource that exists (with <paramref name="entityTag"/>,
    /// null when it has none) or not (<paramref name="exists"/> false), in the order of §13.2.2.
    /// </summary>
    public PreconditionOutcome Evaluate(bool exists, string? entityTag, DateTimeOffset? lastModified, bool isRead)
    {
        // §13.1.1: If-Match is true when "*" and the resource exists, or when a listed tag matches strongly.
        if (IfMatch is { } match)
        {
            if (!exists || !(match.Contains("*") || (entityTag is not null && match.Any(t => StrongMatch(t, entityTag)))))
            {
                return PreconditionOutcome.Failed;
            }
        }
        else if (IfUnmodifiedSince is { } unmodifiedSince && exists && lastModified is { } modified && Seconds(modified) > unmodifiedSince)
        {
            // §13.1.4
            return PreconditionOutcome.Failed;
        }

        // §13.1.2: If-None-Match is false when "*" and the resource exists, or when a listed tag matches weakly.
        if (IfNoneMatch is { } noneMatch)
        {
            if (exists && (noneMatch.Contains("*") || (entityTag is not null && noneMatch.Any(t => WeakMatch(t, entityTag)))))
            {
                return isRead ? PreconditionOutcome.NotModified : PreconditionOutcome.Failed;
            }
        }
        else if (isRead && IfModifiedSince is { } modifiedSince && exists && lastModified is { } modified && Seconds(modified) <= modifiedSince)
        {
            // §13.1.3
            return PreconditionOutcome.NotModified;
        }

        return PreconditionOutcome.Proceed;
    }

    /// <summary>§13.1.5: whether a Range request may be served as a range (If-Range absent or still true).</summary>
    public bool RangeStillApplies(string? entityTag, DateTimeOffset lastModified)
    {
        if (IfRange is not { } condition)
        {
            return true;
        }

        if (condition.StartsWith('"') || condition.StartsWith("W/", StringComparison.Ordinal))
        {
            return entityTag is not null && StrongMatch(condition, entityTag);
        }

        return Date(condition) is { } date && Seconds(lastModified) == date;
    }

    private static IReadOnlyList<string>? Tags(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        return [.. header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static DateTimeOffset? Date(string? header) =>
        !string.IsNullOrWhiteSpace(header) && header.Length <= 64
        && DateTimeOffset.TryParseExact(header.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    // §8.8.3.2: a strong comparison needs both tags strong and equal; a weak one ignores W/.
    private static bool StrongMatch(string listed, string entityTag) => !listed.StartsWith("W/", StringComparison.Ordinal) && listed == entityTag;

    private static bool WeakMatch(string listed, string entityTag) => Opaque(listed) == Opaque(entityTag);

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    // HTTP dates have whole seconds; a modification within the second the client saw is not "after" it.
    private static DateTimeOffset Seconds(DateTimeOffset time) =>
        new(time.UtcDateTime.Ticks - (time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
