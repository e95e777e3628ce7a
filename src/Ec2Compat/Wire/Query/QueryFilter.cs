namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// One <c>Filter.N</c> of a Describe call: <c>Filter.N.Name</c> with its values
/// <c>Filter.N.Value.M</c> in index order (AWS EC2 API reference, "Filter" data type).
/// </summary>
public sealed record QueryFilter(string Name, IReadOnlyList<string> Values);
