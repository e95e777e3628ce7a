namespace StandardsCloud.Ec2.Conformance;

/// <summary>
/// A site whose region is named in lower case: the AWS SDK for .NET lowercases the region of its
/// SigV4 credential scope, so a mixed-case region such as RegionOne does not match it.
/// </summary>
public sealed class LowercaseRegionSite() : Ec2Site("regionone");
