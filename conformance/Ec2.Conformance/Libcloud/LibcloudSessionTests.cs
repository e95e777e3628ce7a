using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Libcloud;

/// <summary>
/// libcloud's Eucalyptus driver (Debian's python3-libcloud) through a whole session: Signature V2
/// at <c>/services/Eucalyptus</c>, as far as the driver offers each call.
/// </summary>
public sealed class LibcloudSessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task WholeSession_LibcloudEucalyptusDriver_EveryStepAsEc2Documents()
    {
        var report = await PythonSession.RunAsync("Libcloud/libcloud_session.py", site, SessionInputs.For("libcloud"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
