using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// EC2 filters over a listing: an item stays when, for every filter, its field equals one of the
/// filter's values. An unknown filter name is an error, as EC2 answers it, never ignored
/// (ignoring it would widen the result).
/// </summary>
public static class ResourceFilters
{
    public static (IReadOnlyList<T> Selected, Ec2Result? Error) Apply<T>(
        IEnumerable<T> items, IReadOnlyList<QueryFilter> filters, IReadOnlyDictionary<string, Func<T, string>> fields)
    {
        foreach (var filter in filters)
        {
            if (!fields.TryGetValue(filter.Name, out var field))
            {
                return ([], Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"The filter '{filter.Name}' is invalid"));
            }

            items = items.Where(item => filter.Values.Contains(field(item), StringComparer.Ordinal));
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
        if (names.FirstOrDefault(n => items.All(i => nameOf(i) != n)) is { } missing)
        {
            return ([], notFound(missing));
        }

        return (names.Count == 0 ? items : [.. items.Where(i => names.Contains(nameOf(i), StringComparer.Ordinal))], null);
    }
}
