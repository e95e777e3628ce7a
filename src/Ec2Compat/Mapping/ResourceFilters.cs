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
}
