namespace StandardsCloud.Compute.Tags;

/// <summary>A resource kept as a document that its owner can tag.</summary>
public interface ITagged
{
    /// <summary>The identifier clients name it by (<c>sg-…</c>, <c>ami-…</c>, <c>key-…</c>, <c>eipalloc-…</c>).</summary>
    string ResourceId { get; }

    string Owner { get; }

    Dictionary<string, string> Tags { get; }
}

/// <summary>One tag as listings show it.</summary>
public sealed record ResourceTag(string ResourceId, TaggedKind Kind, string Key, string Value);
