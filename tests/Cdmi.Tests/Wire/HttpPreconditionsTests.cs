using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class HttpPreconditionsTests
{
    private const string Tag = "\"abc\"";
    private static readonly DateTimeOffset Modified = new(2026, 11, 27, 10, 0, 0, 500, TimeSpan.Zero);

    private static PreconditionOutcome Evaluate(HttpPreconditions p, bool exists = true, bool isRead = false) =>
        p.Evaluate(exists, exists ? Tag : null, exists ? Modified : null, isRead);

    private static HttpPreconditions Of(string? ifMatch = null, string? ifNoneMatch = null, string? since = null, string? unmodifiedSince = null, string? ifRange = null) =>
        HttpPreconditions.Read(ifMatch, ifNoneMatch, since, unmodifiedSince, ifRange);

    // RFC 9110 §13.1.1
    [Theory]
    [InlineData("\"abc\"", true, PreconditionOutcome.Proceed)]
    [InlineData("\"x\", \"abc\"", true, PreconditionOutcome.Proceed)]
    [InlineData("*", true, PreconditionOutcome.Proceed)]
    [InlineData("W/\"abc\"", true, PreconditionOutcome.Failed)] // weak tags never match strongly
    [InlineData("\"nope\"", true, PreconditionOutcome.Failed)]
    [InlineData("*", false, PreconditionOutcome.Failed)]
    public void IfMatch(string header, bool exists, PreconditionOutcome expected)
    {
        Assert.Equal(expected, Evaluate(Of(ifMatch: header), exists));
    }

    // RFC 9110 §13.1.2: a read the client holds is 304; any other method 412.
    [Theory]
    [InlineData("W/\"abc\"", true, PreconditionOutcome.NotModified)]
    [InlineData("\"abc\"", false, PreconditionOutcome.Failed)]
    [InlineData("*", false, PreconditionOutcome.Failed)]
    [InlineData("\"other\"", true, PreconditionOutcome.Proceed)]
    public void IfNoneMatch(string header, bool isRead, PreconditionOutcome expected)
    {
        Assert.Equal(expected, Evaluate(Of(ifNoneMatch: header), isRead: isRead));
        Assert.Equal(PreconditionOutcome.Proceed, Evaluate(Of(ifNoneMatch: header), exists: false, isRead: isRead));
    }

    // RFC 9110 §13.1.3 and §13.1.4, to the second; unreadable dates are ignored.
    [Theory]
    [InlineData("Fri, 27 Nov 2026 10:00:00 GMT", null, PreconditionOutcome.NotModified)]
    [InlineData("Fri, 27 Nov 2026 09:59:59 GMT", null, PreconditionOutcome.Proceed)]
    [InlineData("yesterday", null, PreconditionOutcome.Proceed)]
    [InlineData(null, "Fri, 27 Nov 2026 09:59:59 GMT", PreconditionOutcome.Failed)]
    [InlineData(null, "Fri, 27 Nov 2026 10:00:00 GMT", PreconditionOutcome.Proceed)]
    public void Dates(string? modifiedSince, string? unmodifiedSince, PreconditionOutcome expected)
    {
        Assert.Equal(expected, Evaluate(Of(since: modifiedSince, unmodifiedSince: unmodifiedSince), isRead: true));
    }

    [Fact]
    public void IfMatch_TakesPrecedenceOverIfUnmodifiedSince()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Evaluate(Of(ifMatch: Tag, unmodifiedSince: "Thu, 01 Jan 2015 00:00:00 GMT")));
    }

    // RFC 9110 §13.1.5
    [Theory]
    [InlineData(null, true)]
    [InlineData("\"abc\"", true)]
    [InlineData("\"old\"", false)]
    [InlineData("W/\"abc\"", false)]
    [InlineData("Fri, 27 Nov 2026 10:00:00 GMT", true)]
    [InlineData("Fri, 27 Nov 2026 09:00:00 GMT", false)]
    public void IfRange(string? header, bool applies)
    {
        Assert.Equal(applies, Of(ifRange: header).RangeStillApplies(Tag, Modified));
    }
}
