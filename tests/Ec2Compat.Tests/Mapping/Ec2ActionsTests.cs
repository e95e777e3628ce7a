using StandardsCloud.Compute;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class Ec2ActionsTests
{
    private static readonly Ec2Call Call = new(
        QueryRequest.ParseQueryString("Action=CreateVolume&Size=1").Request!, new Actor("alice", IsAdmin: false, Via: "ec2"), "request-1", "http://ec2.test/", default);

    private int _made;

    private Ec2Change Passes(Ec2Call call) => Ec2Change.To(() =>
    {
        _made++;
        return Task.FromResult<Ec2Result>(call.Respond(w => w.Element("return", true)));
    });

    private static Ec2Change Refuses(Ec2Call call) => Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter AvailabilityZone");

    [Fact]
    public async Task Changing_DryRunThatPassesItsChecks_DryRunOperationAndNothingMade()
    {
        var answer = await Ec2Actions.Changing(c => Task.FromResult(Passes(c)))(Call, dryRun: true);

        Assert.Equal(Ec2ErrorCode.DryRunOperation, answer.Error?.Code);
        Assert.Equal(412, answer.Error?.HttpStatus);
        Assert.Equal(0, _made);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Changing_RequestItsChecksRefuse_TheirErrorDryOrNot(bool dryRun)
    {
        var answer = await Ec2Actions.Changing(c => Task.FromResult(Refuses(c)))(Call, dryRun);

        Assert.Equal(Ec2ErrorCode.MissingParameter, answer.Error?.Code);
    }

    [Fact]
    public async Task Changing_NotDry_MadeOnceAndAnswered()
    {
        var answer = await Ec2Actions.Changing(c => Task.FromResult(Passes(c)))(Call, dryRun: false);

        using var xml = answer.Xml;
        Assert.Null(answer.Error);
        Assert.NotNull(xml);
        Assert.Equal(1, _made);
    }

    [Fact]
    public async Task Reading_DryRun_AnswerDroppedForDryRunOperation_ErrorKept()
    {
        var read = Ec2Actions.Reading(c => Task.FromResult<Ec2Result>(c.Respond(w => w.Element("return", true))));
        var refused = Ec2Actions.Reading(c => Task.FromResult(Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdMalformed, "Invalid id: \"i-0\"")));

        Assert.Equal(Ec2ErrorCode.DryRunOperation, (await read(Call, dryRun: true)).Error?.Code);
        Assert.Equal(Ec2ErrorCode.InvalidInstanceIdMalformed, (await refused(Call, dryRun: true)).Error?.Code);
        using var answered = (await read(Call, dryRun: false)).Xml;
        Assert.NotNull(answered);
    }

    [Fact]
    public void Ec2Change_FromAnAnswer_RefusedAsABug()
    {
        using var document = Call.Respond(w => w.Element("return", true));

        Assert.Throws<InvalidOperationException>(() => (Ec2Change)(Ec2Result)document);
    }
}
