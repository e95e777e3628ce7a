using System.Runtime.InteropServices;
using StandardsCloud.LaunchStorm;
using StandardsCloud.LaunchStorm.Report;

// Exit codes: 0 the storm ran and its results are written (targets met or not), 1 it could not
// run, 2 bad arguments, 130 interrupted.
var (options, error) = StormOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    var result = await new StormHarness(options).RunAsync(stop.Token);
    ResultsXml.Write(result, options.Output);
    Console.WriteLine();
    Console.Write(StormSummary.Of(result, options.Output));
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted; everything the harness started has been stopped");
    return 130;
}
catch (StormAbortedException e)
{
    Console.Error.WriteLine($"launch storm aborted: {e.Message}");
    return 1;
}
