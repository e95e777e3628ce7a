using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Js;

/// <summary>The AWS SDK for JavaScript v3 (@aws-sdk/client-ec2) on Node.js through a whole session, signed with SigV4.</summary>
public sealed class JsSessionTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task WholeSession_AwsSdkForJavaScript_EveryStepAsEc2Documents()
    {
        var report = await NodeSession.RunAsync("Js/js_session.cjs", site, SessionInputs.For("js"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
