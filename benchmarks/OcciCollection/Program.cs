using StandardsCloud.LoadHarness;
using StandardsCloud.OcciCollection;
using StandardsCloud.OcciCollection.Ceiling;
using StandardsCloud.OcciCollection.Report;

// The same program is the ceiling's server when the harness starts it so (see CeilingServer).
if (args is [CeilingServer.Verb, ..])
{
    return await CeilingServer.RunAsync(args[1..]);
}

return await HarnessCommand.RunAsync("OCCI collection benchmark", CollectionOptions.Parse(args), async (options, ct) =>
{
    var result = await new CollectionHarness(options).RunAsync(ct);
    CollectionResultsXml.Write(result, options.Output);
    var summary = CollectionSummary.Of(result, options.Output);

    // A figure for answers that do not list every compute means nothing: the run fails, its record kept.
    return result.WrongAnswers
        ? throw new BenchAbortedException($"some answers were errors or did not list every compute (see {options.Output})\n{summary}")
        : summary;
});
