using System.Text;
using System.Xml.Linq;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class Ec2ErrorXmlTests
{
    [Fact]
    public void Render_InvalidInstanceId_ExactEc2Shape()
    {
        var bytes = Ec2ErrorXml.Render(Ec2ErrorCode.InvalidInstanceIdNotFound, "The instance ID 'i-1a2b3c4d' does not exist", "ea966190-f9aa-478e-9ede-example");

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>" +
            "<Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors>" +
            "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Render_Bytes_NoByteOrderMark()
    {
        Assert.Equal((byte)'<', Ec2ErrorXml.Render("InternalError", "x", "r")[0]);
    }

    [Fact]
    public void Render_MessageWithMarkup_EscapedAndRoundTrips()
    {
        const string message = "Value (<script>&\"'</script>) for parameter KeyName is invalid.";
        var bytes = Ec2ErrorXml.Render(Ec2ErrorCode.InvalidParameterValue, message, "r");

        Assert.Contains("&lt;script&gt;&amp;", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var doc = XDocument.Load(new MemoryStream(bytes));
        Assert.Equal(message, doc.Root!.Element("Errors")!.Element("Error")!.Element("Message")!.Value);
        Assert.Equal("r", doc.Root.Element("RequestID")!.Value);
        Assert.Equal("", doc.Root.Name.NamespaceName);
    }

    [Fact]
    public void Render_EmptyMessage_StillHasMessageElement()
    {
        var text = Encoding.UTF8.GetString(Ec2ErrorXml.Render("Unavailable", "", "r"));

        Assert.Contains("<Message></Message>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ec2Error_ToXml_UsesCodeAndStatus()
    {
        var error = new Ec2Error(Ec2ErrorCode.DryRunOperation, "Request would have succeeded, but DryRun flag is set.");

        Assert.Equal(412, error.HttpStatus);
        Assert.Contains("<Code>DryRunOperation</Code>", Encoding.UTF8.GetString(error.ToXml("r")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AuthFailure", 401)]
    [InlineData("SignatureDoesNotMatch", 403)]
    [InlineData("IncompleteSignature", 400)]
    [InlineData("RequestExpired", 400)]
    [InlineData("MissingAuthenticationToken", 401)]
    [InlineData("InvalidAction", 400)]
    [InlineData("MissingParameter", 400)]
    [InlineData("InvalidParameterValue", 400)]
    [InlineData("InvalidParameterCombination", 400)]
    [InlineData("InvalidParameter", 400)]
    [InlineData("UnknownParameter", 400)]
    [InlineData("InvalidInstanceID.NotFound", 400)]
    [InlineData("InvalidInstanceID.Malformed", 400)]
    [InlineData("InvalidAMIID.NotFound", 400)]
    [InlineData("InvalidAMIID.Malformed", 400)]
    [InlineData("IncorrectInstanceState", 400)]
    [InlineData("OperationNotPermitted", 400)]
    [InlineData("InvalidKeyPair.Duplicate", 400)]
    [InlineData("InvalidKeyPair.NotFound", 400)]
    [InlineData("InvalidGroup.Duplicate", 400)]
    [InlineData("InvalidGroup.NotFound", 400)]
    [InlineData("InvalidPermission.NotFound", 400)]
    [InlineData("InvalidPermission.Duplicate", 400)]
    [InlineData("DryRunOperation", 412)]
    [InlineData("UnauthorizedOperation", 403)]
    [InlineData("RequestLimitExceeded", 503)]
    [InlineData("InstanceLimitExceeded", 400)]
    [InlineData("InsufficientInstanceCapacity", 500)]
    [InlineData("InternalError", 500)]
    [InlineData("Unavailable", 503)]
    [InlineData("InvalidPaginationToken", 400)]
    [InlineData("InvalidRequest", 400)]
    public void Find_CataloguedCode_HasEc2Status(string code, int status)
    {
        var entry = Ec2ErrorCode.Find(code);

        Assert.NotNull(entry);
        Assert.Equal(status, entry.HttpStatus);
    }

    [Fact]
    public void Find_UnknownOrWrongCase_Null()
    {
        Assert.Null(Ec2ErrorCode.Find("NoSuchCode"));
        Assert.Null(Ec2ErrorCode.Find("authfailure"));
    }

    [Fact]
    public void All_Codes_UniqueAndClassedByStatus()
    {
        Assert.Equal(Ec2ErrorCode.All.Count, Ec2ErrorCode.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Ec2ErrorCode.All, c => Assert.InRange(c.HttpStatus, 400, 599));
        Assert.True(Ec2ErrorCode.InternalError.IsServerError);
        Assert.False(Ec2ErrorCode.AuthFailure.IsServerError);
    }
}
