namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Reads AWS Query lists out of a set of parameters. A list <c>P</c> is spelled
/// <c>P.1</c>, <c>P.2</c>, … for values and <c>P.1.Field</c>, <c>P.1.Sub.1.Field</c>, … for
/// structures (AWS EC2 API reference, "Query parameters": lists are 1-based and flattened
/// with dots). Indices need not be contiguous or in order — clients such as the AWS CLI send
/// them in order, but AWS accepts gaps — so members come back sorted by index.
/// </summary>
/// <remarks>
/// Works on any dictionary so a structure member returned by <see cref="Members"/> can be read
/// the same way, e.g. <c>IpRanges</c> inside one <c>IpPermissions.N</c>.
/// </remarks>
public static class QueryLists
{
    /// <summary>Values of <c>Prefix.N</c>, by index.</summary>
    public static QueryList<string> Values(IReadOnlyDictionary<string, string> parameters, string prefix)
    {
        var entries = new List<(int Index, string Value)>();
        foreach (var (name, value) in parameters)
        {
            switch (Classify(name, prefix, out var index, out var field))
            {
                case Entry.Unrelated:
                    continue;
                case Entry.BadIndex:
                    return QueryList<string>.Fail(BadIndex(name, prefix));
                case Entry.Member when field is not null:
                    return QueryList<string>.Fail($"The parameter '{name}' is not a value of the list '{prefix}'; expected '{prefix}.{index}'.");
                default:
                    entries.Add((index, value));
                    break;
            }
        }

        entries.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return QueryList<string>.Ok(entries.ConvertAll(static e => e.Value));
    }

    /// <summary>
    /// Structures of <c>Prefix.N.Field…</c>, by index; each holds the names after
    /// <c>Prefix.N.</c> (so <c>BlockDeviceMapping.1.Ebs.VolumeSize</c> appears as
    /// <c>Ebs.VolumeSize</c>).
    /// </summary>
    public static QueryList<IReadOnlyDictionary<string, string>> Members(IReadOnlyDictionary<string, string> parameters, string prefix)
    {
        var byIndex = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (name, value) in parameters)
        {
            switch (Classify(name, prefix, out var index, out var field))
            {
                case Entry.Unrelated:
                    continue;
                case Entry.BadIndex:
                    return QueryList<IReadOnlyDictionary<string, string>>.Fail(BadIndex(name, prefix));
                case Entry.Member when string.IsNullOrEmpty(field):
                    return QueryList<IReadOnlyDictionary<string, string>>.Fail(
                        $"The parameter '{name}' names no field of the list '{prefix}'; expected '{prefix}.{index}.<Field>'.");
                default:
                    if (!byIndex.TryGetValue(index, out var member))
                        byIndex.Add(index, member = new Dictionary<string, string>(StringComparer.Ordinal));
                    member.Add(field!, value);
                    break;
            }
        }

        return QueryList<IReadOnlyDictionary<string, string>>.Ok([.. byIndex.Values]);
    }

    /// <summary>
    /// <c>Filter.N.Name</c> and <c>Filter.N.Value.M</c> (AWS EC2 API reference, "Filter").
    /// A filter without a name, or with a field other than Name and Value.M, is an error
    /// rather than being dropped: a dropped filter would widen the result set.
    /// </summary>
    public static QueryList<QueryFilter> Filters(IReadOnlyDictionary<string, string> parameters)
    {
        var members = Members(parameters, "Filter");
        if (members.Error is { } error)
            return QueryList<QueryFilter>.Fail(error);

        var filters = new List<QueryFilter>(members.Count);
        foreach (var member in members)
        {
            if (!member.TryGetValue("Name", out var name) || name.Length == 0)
                return QueryList<QueryFilter>.Fail("Each Filter.N must have a non-empty Filter.N.Name.");

            foreach (var field in member.Keys)
            {
                if (field != "Name" && !field.StartsWith("Value.", StringComparison.Ordinal))
                    return QueryList<QueryFilter>.Fail($"The filter '{name}' has the unknown field '{field}'.");
            }

            var values = Values(member, "Value");
            if (values.Error is { } valueError)
                return QueryList<QueryFilter>.Fail($"The filter '{name}': {valueError}");
            filters.Add(new QueryFilter(name, values));
        }

        return QueryList<QueryFilter>.Ok(filters);
    }

    private enum Entry
    {
        Unrelated,
        BadIndex,
        Member,
    }

    // "Prefix.N" → Member with no field; "Prefix.N.Rest" → Member with field "Rest";
    // "Prefix.x…" → BadIndex; anything else is another parameter.
    private static Entry Classify(string name, string prefix, out int index, out string? field)
    {
        index = 0;
        field = null;
        if (name.Length <= prefix.Length || name[prefix.Length] != '.' || !name.StartsWith(prefix, StringComparison.Ordinal))
            return Entry.Unrelated;

        var afterPrefix = name.AsSpan(prefix.Length + 1);
        var dot = afterPrefix.IndexOf('.');
        var segment = dot < 0 ? afterPrefix : afterPrefix[..dot];
        if (!QueryIndex.TryParse(segment, out index))
            return Entry.BadIndex;

        if (dot >= 0)
            field = afterPrefix[(dot + 1)..].ToString();
        return Entry.Member;
    }

    private static string BadIndex(string name, string prefix) =>
        $"The parameter '{name}' does not have a valid index for the list '{prefix}'; list indices are positive integers starting at 1.";
}
