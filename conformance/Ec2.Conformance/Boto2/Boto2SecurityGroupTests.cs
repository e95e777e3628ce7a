using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Boto2;

/// <summary>boto 2 with EC2-Classic security groups, the legacy source-group grant included.</summary>
public sealed class Boto2SecurityGroupTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task SecurityGroups_Boto2_SourceGroupGrantIsAllTcpUdpAndIcmp()
    {
        var report = await PythonSession.RunAsync("Boto2/boto2_security_groups.py", site, SessionInputs.For("boto2-groups"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
