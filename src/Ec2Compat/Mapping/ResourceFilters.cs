using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// EC2 filters over a listing: an item stays when, for every filter, one of its values matches
/// one of the filter's values. Values may hold the wildcards <c>*</c> (any run of characters) and
/// <c>?</c> (one character), <c>\</c> escaping them, as the EC2 API reference describes for
/// Describe filters. An unknown filter name is an error, as EC2 answers it, never ignored
/// (ignoring it would widen the result).
/// </summary>
public static class ResourceFilters
{
    public static (IReadOnlyList<T> Selected, Ec2Result? Error) Apply<T>(IEnumerable<T> items, IReadOnlyList<QueryFilter> filters, FilterFields<T> fields)
    {
        foreach (var filter in filters)
        {
            if (!fields.TryGet(filter.Name, out var valuesOf))
            {
                return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"The filter '{filter.Name}' is invalid"));
            }

            var patterns = filter.Values;
            items = items.Where(item => valuesOf(item).Any(v => patterns.Any(p => Matches(p, v))));
        }

        return ([.. items], null);
    }

    /// <summary>
    /// The items a Describe call names (all when it names none); a name that matches nothing is
    /// the action's NotFound error, as EC2 answers rather than returning less.
    /// </summary>
    public static (IReadOnlyList<T> Selected, Ec2Result? Error) Named<T>(
        IReadOnlyList<T> items, IReadOnlyList<string> names, Func<T, string> nameOf, Func<string, Ec2Result> notFound)
    {
        // EC2 names every id it did not find, not only the first.
        var missing = names.Where(n => items.All(i => nameOf(i) != n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return ([], notFound(string.Join(", ", missing)));
        }

        return (names.Count == 0 ? items : [.. items.Where(i => names.Contains(nameOf(i), StringComparer.Ordinal))], null);
    }

    /// <summary>
    /// The items a Describe call names by two lists at once (names and ids, addresses and
    /// allocation ids): those either list names, all when neither names any.
    /// </summary>
    public static (IReadOnlyList<T> Selected, Ec2Result? Error) Named<T>(
        IReadOnlyList<T> items,
        IReadOnlyList<string> names, Func<T, string> nameOf, Func<string, Ec2Result> notFound,
        IReadOnlyList<string> otherNames, Func<T, string> otherNameOf, Func<string, Ec2Result> otherNotFound)
    {
        var (byName, missing) = Named(items, names, nameOf, notFound);
        var (byOther, otherMissing) = Named(items, otherNames, otherNameOf, otherNotFound);
        if ((missing ?? otherMissing) is { } error)
        {
            return ([], error);
        }

        return (names.Count > 0 && otherNames.Count > 0 ? [.. byName.Union(byOther)] : names.Count > 0 ? byName : byOther, null);
    }

    /// <summary>True when <paramref name="value"/> matches the filter value <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?', '\\') < 0)
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        return Glob(pattern, 0, value, 0);
    }

    private static bool Glob(string pattern, int p, string value, int v)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = v; rest <= value.Length; rest++)
                    {
                        if (Glob(pattern, p + 1, value, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (v == value.Length)
                    {
                        return false;
                    }

                    p++;
                    v++;
                    continue;
                case '\\' when p + 1 < pattern.Length:
                    p++;
                    break;
            }

            if (v == value.Length || pattern[p] != value[v])
            {
                return false;
            }

            p++;
            v++;
        }

        return v == value.Length;
    }
}
