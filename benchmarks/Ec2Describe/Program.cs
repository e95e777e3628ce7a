using StandardsCloud.Ec2Describe;
using StandardsCloud.Ec2Describe.Report;
using StandardsCloud.LoadHarness;

return await HarnessCommand.RunAsync("EC2 describe benchmark", DescribeOptions.Parse(args), async (options, ct) =>
{
    var result = await new DescribeHarness(options).RunAsync(ct);
    DescribeResultsXml.Write(result, options.Output);
    return DescribeSummary.Of(result, options.Output);
});
