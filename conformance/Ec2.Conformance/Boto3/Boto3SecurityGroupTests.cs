using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Boto3;

/// <summary>boto3 with EC2-Classic security groups: legacy source-group grants, descriptions, paging, filters, tags.</summary>
public sealed class Boto3SecurityGroupTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task SecurityGroups_Boto3_EveryStepAsEc2Documents()
    {
        var report = await PythonSession.RunAsync("Boto3/boto3_security_groups.py", site, SessionInputs.For("boto3-groups"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
