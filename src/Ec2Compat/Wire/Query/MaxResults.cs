namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The <c>MaxResults</c> parameter of paged Describe calls. EC2 accepts 5 to 1000 for
/// DescribeInstances, DescribeImages and most others, and refuses it alongside an explicit
/// list of ids, because a list of ids is answered in full (AWS EC2 API reference,
/// DescribeInstances, "MaxResults").
/// </summary>
public static class MaxResults
{
    public const string ParameterName = "MaxResults";
    public const int Min = 5;
    public const int Max = 1000;

    /// <summary>
    /// Reads an optional MaxResults: null when absent, false with a message for an
    /// <c>InvalidParameterValue</c> error when it is not an integer in range.
    /// </summary>
    public static bool TryRead(QueryRequest request, out int? maxResults, out string error, int min = Min, int max = Max)
    {
        maxResults = null;
        error = "";
        if (!request.Contains(ParameterName))
            return true;
        if (!request.TryGetInt(ParameterName, out var value, out error))
            return false;
        if (!TryValidate(value, out error, min, max))
            return false;
        maxResults = value;
        return true;
    }

    public static bool TryValidate(int value, out string error, int min = Min, int max = Max)
    {
        if (value >= min && value <= max)
        {
            error = "";
            return true;
        }

        error = $"Value ({value}) for parameter {ParameterName} is invalid. Expect a number between {min} and {max}.";
        return false;
    }

    /// <summary>
    /// The message of an <c>InvalidParameterCombination</c> error when MaxResults comes with
    /// explicit ids (<paramref name="idsParameter"/> names them, e.g. <c>InstanceId</c>), else null.
    /// </summary>
    public static string? CombinationError(int? maxResults, int explicitIdCount, string idsParameter)
    {
        if (maxResults is null || explicitIdCount == 0)
            return null;
        return $"The parameter {idsParameter} cannot be used with the parameter {ParameterName}.";
    }
}
