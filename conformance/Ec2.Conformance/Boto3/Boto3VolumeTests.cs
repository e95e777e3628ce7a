using StandardsCloud.Ec2.Conformance.Sessions;
using Xunit.Abstractions;

namespace StandardsCloud.Ec2.Conformance.Boto3;

/// <summary>boto3 with volumes and snapshots, its own waiters included.</summary>
public sealed class Boto3VolumeTests(Ec2Site site, ITestOutputHelper output) : IClassFixture<Ec2Site>
{
    [Fact]
    public async Task Volumes_Boto3_CreateAttachSnapshotRestoreDetachDelete()
    {
        var report = await PythonSession.RunAsync("Boto3/boto3_volumes.py", site, SessionInputs.For("boto3-volumes"));
        output.WriteLine(report.ToString());
        report.AssertPassed();
    }
}
