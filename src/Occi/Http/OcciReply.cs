using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Http;

/// <summary>What a request came to, before it is rendered in the rendering the client asked for.</summary>
public abstract record OcciReply(int Status);

/// <summary>A refusal with a readable reason.</summary>
public sealed record ErrorReply(int Status, string Message) : OcciReply(Status);

/// <summary>Success with nothing to render but "OK".</summary>
public sealed record DoneReply() : OcciReply(200);

/// <summary>The query interface's categories.</summary>
public sealed record CategoriesReply(IReadOnlyList<Category> Categories) : OcciReply(200);

/// <summary>One resource or link.</summary>
public sealed record EntityReply(ResourceView? Resource, LinkView? Link, int Status = 200, string? CreatedAt = null) : OcciReply(Status);

/// <summary>A collection: its members' locations, and their full renderings for JSON.</summary>
public sealed record CollectionReply(IReadOnlyList<ResourceView> Resources, IReadOnlyList<LinkView> Links, bool WithResources = true, bool WithLinks = true)
    : OcciReply(200);

/// <summary>
/// A whole kind collection in JSON, its resources made as they are read and written as they come,
/// so that neither the instances nor their views are ever all held at once.
/// </summary>
public sealed record StreamedCollectionReply(IAsyncEnumerable<ResourceView> Resources) : OcciReply(200);

public static class Replies
{
    public static ErrorReply BadRequest(string message) => new(400, message);

    public static ErrorReply NotFound(string path) => new(404, $"nothing is at {path}");

    public static ErrorReply Forbidden(string message) => new(403, message);

    public static ErrorReply NotAllowed(string method, string path) => new(405, $"{method} is not defined on {path}");
}
