using StandardsCloud.LaunchStorm;
using StandardsCloud.LaunchStorm.Report;
using StandardsCloud.LoadHarness;

return await HarnessCommand.RunAsync("launch storm", StormOptions.Parse(args), async (options, ct) =>
{
    var result = await new StormHarness(options).RunAsync(ct);
    ResultsXml.Write(result, options.Output);
    return StormSummary.Of(result, options.Output);
});
