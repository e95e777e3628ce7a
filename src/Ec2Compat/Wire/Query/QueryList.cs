using System.Collections;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The members of an AWS Query list (<c>Prefix.1</c>, <c>Prefix.2</c>, …) in index order, or
/// the reason the list is malformed. A malformed list reads as empty, so check
/// <see cref="Error"/> before trusting an empty result.
/// </summary>
public sealed class QueryList<T> : IReadOnlyList<T>
{
    private static readonly QueryList<T> EmptyList = new([], null);

    private readonly IReadOnlyList<T> _items;

    private QueryList(IReadOnlyList<T> items, string? error)
    {
        _items = items;
        Error = error;
    }

    /// <summary>Why the list could not be read; null when it is well formed.</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static QueryList<T> Ok(IReadOnlyList<T> items) => items.Count == 0 ? EmptyList : new(items, null);

    internal static QueryList<T> Fail(string error) => new([], error);
}
