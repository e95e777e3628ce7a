using StandardsCloud.BootTime;
using StandardsCloud.BootTime.Report;
using StandardsCloud.LoadHarness;

return await HarnessCommand.RunAsync("boot time", BootOptions.Parse(args), async (options, ct) =>
{
    var result = await new BootHarness(options).RunAsync(ct);
    BootResultsXml.Write(result, options.Output);
    return BootSummary.Of(result, options.Output);
});
