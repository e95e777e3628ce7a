namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// The filter names a Describe action accepts for one kind of resource, each as the value (or
/// values) it compares; with <see cref="Tags"/> set, also <c>tag:KEY</c>, <c>tag-key</c> and
/// <c>tag-value</c>.
/// </summary>
public sealed class FilterFields<T>
{
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _fields = new(StringComparer.Ordinal);

    /// <summary>A filter with one value per resource (an absent value matches nothing).</summary>
    public Func<T, string?> this[string name]
    {
        set => _fields[name] = item => value(item) is { } one ? [one] : [];
    }

    /// <summary>The resource's tags, for the tag filters; null when the resource has none.</summary>
    public Func<T, IReadOnlyDictionary<string, string>>? Tags { get; init; }

    /// <summary>A filter with any number of values per resource (for example the groups of an instance).</summary>
    public FilterFields<T> Many(string name, Func<T, IEnumerable<string>> values)
    {
        _fields[name] = values;
        return this;
    }

    /// <summary>The values a filter compares, or false when the action does not know the filter.</summary>
    public bool TryGet(string name, out Func<T, IEnumerable<string>> values)
    {
        if (_fields.TryGetValue(name, out values!))
        {
            return true;
        }

        if (Tags is { } tags)
        {
            if (name.StartsWith("tag:", StringComparison.Ordinal) && name.Length > 4)
            {
                var key = name[4..];
                values = item => tags(item).TryGetValue(key, out var v) ? [v] : [];
                return true;
            }

            if (name == "tag-key")
            {
                values = item => tags(item).Keys;
                return true;
            }

            if (name == "tag-value")
            {
                values = item => tags(item).Values;
                return true;
            }
        }

        return false;
    }
}
