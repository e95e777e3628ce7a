using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace StandardsCloud.Ec2.Conformance.AwsSdk;

/// <summary>The AWS SDK for .NET pointed at a site's EC2 endpoint, and the few reads a session repeats.</summary>
public static class AwsSdkClient
{
    /// <summary>
    /// A client for <paramref name="site"/>: ServiceURL is the endpoint, AuthenticationRegion the
    /// site's region (SigV4 scope); no retries, so a refused call shows at once.
    /// </summary>
    public static AmazonEC2Client For(Ec2Site site) => new(
        new BasicAWSCredentials(site.AccessKeyId, site.SecretAccessKey),
        new AmazonEC2Config
        {
            ServiceURL = site.Endpoint.ToString(),
            AuthenticationRegion = site.Region,
            IgnoreConfiguredEndpointUrls = true,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(30),
        });

    public static async Task<List<Instance>> InstancesAsync(this AmazonEC2Client ec2, DescribeInstancesRequest request) =>
        [.. ((await ec2.DescribeInstancesAsync(request)).Reservations ?? []).SelectMany(r => r.Instances ?? [])];

    public static Task<List<Instance>> InstancesAsync(this AmazonEC2Client ec2, params Filter[] filters) =>
        ec2.InstancesAsync(new DescribeInstancesRequest { Filters = [.. filters] });

    public static Filter Filter(string name, params string[] values) => new(name, [.. values]);

    /// <summary>Polls DescribeInstances until every instance is in <paramref name="state"/>.</summary>
    public static async Task WaitForStateAsync(this AmazonEC2Client ec2, IReadOnlyList<string> ids, string state, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var seen = "";
        while (DateTime.UtcNow < until)
        {
            var found = await ec2.InstancesAsync(new DescribeInstancesRequest { InstanceIds = [.. ids] });
            seen = string.Join(", ", found.Select(i => i.InstanceId + " " + i.State.Name.Value));
            if (found.Count == ids.Count && found.All(i => i.State.Name.Value == state))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"not all {state} in {seconds} s: {seen}");
    }

    /// <summary>The EC2 error code a call answers, or null when it succeeds.</summary>
    public static async Task<string?> ErrorCodeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (AmazonEC2Exception e)
        {
            return e.ErrorCode;
        }
    }
}
