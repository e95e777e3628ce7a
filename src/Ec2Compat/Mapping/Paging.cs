using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// Where a paged Describe call starts and how much it returns: <c>MaxResults</c> (never with
/// explicit ids) and a <c>NextToken</c> that is good only for the same caller and action.
/// </summary>
/// <remarks>
/// A token is a position, and paging "continues from the end of the items returned by the
/// previous request" (EC2 API reference, Pagination) whatever filters come with it, as
/// ec2api-tempest-plugin's tag paging expects. Owner scoping does not depend on the token.
/// </remarks>
public sealed record Paging(int? Max, long Offset, string Scope)
{
    /// <param name="clampAbove">Take a MaxResults above the largest as the largest instead of refusing it (DescribeTags, as EC2 answers it).</param>
    /// <param name="largest">The largest page the action gives (1000 for most, 100 for DescribeInstanceTypes).</param>
    public static (Paging? Paging, Ec2Result? Error) Read(
        Ec2Call call, Ec2Options options, int explicitIds, string idsParameter, bool clampAbove = false, int largest = MaxResults.Max)
    {
        if (!MaxResults.TryRead(call.Query, out var max, out var error, max: clampAbove ? int.MaxValue : largest))
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, error));
        }

        max = max is { } given ? Math.Min(given, largest) : null;

        if (MaxResults.CombinationError(max, explicitIds, idsParameter) is { } combination)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, combination));
        }

        var scope = $"{call.Query.Action}|{call.Actor.UserId}";
        var offset = 0L;
        if (call.Query.Get("NextToken") is { Length: > 0 } token && !PageToken.TryDecodeOffset(options.PageKey, scope, token, out offset, out error))
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidPaginationToken, error));
        }

        return (new Paging(max, offset, scope), null);
    }

    /// <summary>
    /// The page when the store already skipped to <see cref="Offset"/> and read one more than a
    /// page: that extra item only says another page follows.
    /// </summary>
    public (List<T> Page, string? NextToken) Following<T>(IReadOnlyList<T> fromOffset, Ec2Options options)
    {
        var size = Max ?? int.MaxValue;
        var next = fromOffset.Count > size ? PageToken.Encode(options.PageKey, Scope, Offset + size) : null;
        return ([.. fromOffset.Take(size)], next);
    }

    /// <summary>This page of <paramref name="selected"/>, and the token for the next one (null on the last).</summary>
    public (List<T> Page, string? NextToken) Take<T>(IReadOnlyList<T> selected, Ec2Options options)
    {
        var page = selected.Skip((int)Math.Min(Offset, int.MaxValue)).Take(Max ?? int.MaxValue).ToList();
        var next = Max is { } size && Offset + size < selected.Count ? PageToken.Encode(options.PageKey, Scope, Offset + size) : null;
        return (page, next);
    }
}
