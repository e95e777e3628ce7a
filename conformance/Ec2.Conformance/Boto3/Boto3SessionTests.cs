using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Boto3;

/// <summary>boto3 (Debian's python3-boto3) through a whole session, signed with SigV4.</summary>
public sealed class Boto3SessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task WholeSession_Boto3_EveryStepAsEc2Documents()
    {
        var report = await PythonSession.RunAsync("Boto3/boto3_session.py", site, SessionInputs.For("boto3"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
