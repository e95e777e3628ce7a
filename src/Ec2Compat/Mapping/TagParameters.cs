using StandardsCloud.Compute.Tags;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>Reads <c>Tag.N.Key</c> / <c>Tag.N.Value</c> lists (CreateTags, DeleteTags, TagSpecification).</summary>
public static class TagParameters
{
    /// <summary>Tags to set; a missing value is the empty string, as EC2 takes it.</summary>
    public static (Dictionary<string, string>? Tags, string? Error) ToSet(IReadOnlyDictionary<string, string> parameters)
    {
        var members = QueryLists.Members(parameters, "Tag");
        if (!members.IsValid)
        {
            return (null, members.Error);
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.Keys.FirstOrDefault(k => k is not ("Key" or "Value")) is { } unknown)
            {
                return (null, $"Tag fields are Key and Value; '{unknown}' is not one");
            }

            if (!member.TryGetValue("Key", out var key))
            {
                return (null, "Each tag needs a Key");
            }

            tags[key] = member.GetValueOrDefault("Value", "");
        }

        return (tags, null);
    }

    /// <summary>Tags to remove: a key alone removes it whatever its value; with a value, only while it has that value.</summary>
    public static (List<TagRemoval>? Tags, string? Error) ToRemove(IReadOnlyDictionary<string, string> parameters)
    {
        var members = QueryLists.Members(parameters, "Tag");
        if (!members.IsValid)
        {
            return (null, members.Error);
        }

        var removals = new List<TagRemoval>();
        foreach (var member in members)
        {
            if (!member.TryGetValue("Key", out var key) || member.Keys.Any(k => k is not ("Key" or "Value")))
            {
                return (null, "Each tag to delete needs a Key, and may have a Value");
            }

            removals.Add(new TagRemoval(key, member.GetValueOrDefault("Value")));
        }

        return (removals, null);
    }

    /// <summary>
    /// <c>TagSpecification.N.ResourceType</c> with its <c>Tag.M.Key/Value</c>: the tags a create call
    /// gives the resource it makes. Only <paramref name="resourceType"/> may be named; null when none are given.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Tags, Ec2Result? Error) FromSpecifications(QueryRequest q, string resourceType)
    {
        var (byType, error) = FromSpecifications(q, [resourceType]);
        return (byType?.GetValueOrDefault(resourceType), error);
    }

    /// <summary>
    /// The tags for each of <paramref name="resourceTypes"/> a create call may tag (RunInstances tags
    /// its instances and the volumes it makes); a type given no tags is absent.
    /// </summary>
    public static (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Tags, Ec2Result? Error) FromSpecifications(
        QueryRequest q, IReadOnlyList<string> resourceTypes)
    {
        var specifications = q.Members("TagSpecification");
        if (!specifications.IsValid)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, specifications.Error!));
        }

        var byType = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var specification in specifications)
        {
            var type = specification.GetValueOrDefault("ResourceType");
            if (type is null || !resourceTypes.Contains(type, StringComparer.Ordinal))
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                    $"'{type}' is not a resource type {q.Action} can tag here; allowed: {string.Join(", ", resourceTypes)}"));
            }

            var (set, error) = ToSet(specification);
            if (error is not null)
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error));
            }

            var tags = byType.TryGetValue(type, out var found) ? found : byType[type] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in set!)
            {
                tags[key] = value;
            }
        }

        foreach (var tags in byType.Values)
        {
            if (TagChange.Setting(tags).Problem() is { } problem)
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, problem));
            }
        }

        return (byType.Where(t => t.Value.Count > 0).ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal), null);
    }
}
