namespace StandardsCloud.Compute.Tags;

/// <summary>A tag to remove: by key alone, or only while it has <see cref="Value"/>.</summary>
public sealed record TagRemoval(string Key, string? Value);

/// <summary>
/// One request's tag edits: keys to set (added or overwritten) and tags to remove. Limits follow
/// EC2's: keys of 1 to 128 characters not starting with <c>aws:</c>, values up to 256, at most 50
/// tags on a resource.
/// </summary>
/// <param name="RemoveAll">Removes every tag the resource has (a delete that names no keys).</param>
public sealed record TagChange(IReadOnlyDictionary<string, string> Set, IReadOnlyList<TagRemoval> Remove, bool RemoveAll = false)
{
    public const int MaxPerResource = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    public static TagChange Setting(IReadOnlyDictionary<string, string> tags) => new(tags, []);

    public static TagChange Removing(IReadOnlyList<TagRemoval> tags) =>
        new(new Dictionary<string, string>(), tags, RemoveAll: tags.Count == 0);

    /// <summary>What is wrong with the keys and values, or null when they are acceptable.</summary>
    public string? Problem()
    {
        foreach (var key in Set.Keys.Concat(Remove.Select(r => r.Key)))
        {
            if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            {
                return $"Tag keys must be 1 to {MaxKeyLength} printable characters; '{key}' is not";
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                return $"Tag keys starting with 'aws:' are reserved; '{key}' cannot be used";
            }
        }

        return Set.Values.FirstOrDefault(v => v.Length > MaxValueLength || v.Any(char.IsControl)) is { } value
            ? $"Tag values must be at most {MaxValueLength} printable characters; '{value}' is not"
            : null;
    }

    /// <summary>The part of the change that alters <paramref name="current"/>: keys whose value changes, and keys that go.</summary>
    public (IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Removed) Against(IReadOnlyDictionary<string, string> current)
    {
        var set = Set.Where(t => !current.TryGetValue(t.Key, out var v) || v != t.Value).ToDictionary(StringComparer.Ordinal);
        var removed = RemoveAll ? [.. current.Keys] : Remove
            .Where(r => current.TryGetValue(r.Key, out var v) && (r.Value is null || r.Value == v))
            .Select(r => r.Key)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (set, removed);
    }

    /// <summary>Why the change would leave too many tags on a resource tagged <paramref name="current"/>, or null.</summary>
    public string? Exceeds(IReadOnlyDictionary<string, string> current)
    {
        var (set, removed) = Against(current);
        var after = current.Count + set.Keys.Count(k => !current.ContainsKey(k)) - removed.Count;
        return after > MaxPerResource ? $"A resource may have at most {MaxPerResource} tags; this would leave {after}" : null;
    }

    /// <summary>Applies the change to a document's tags.</summary>
    public void ApplyTo(Dictionary<string, string> tags)
    {
        var (set, removed) = Against(tags);
        foreach (var key in removed)
        {
            tags.Remove(key);
        }

        foreach (var (key, value) in set)
        {
            tags[key] = value;
        }
    }
}
