using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Boto2;

/// <summary>boto 2 (Debian's python3-boto) through a whole session, signed with Signature V2.</summary>
public sealed class Boto2SessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task WholeSession_Boto2_EveryStepAsEc2Documents()
    {
        var report = await PythonSession.RunAsync("Boto2/boto2_session.py", site, SessionInputs.For("boto2"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
