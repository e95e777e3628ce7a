using System.Runtime.InteropServices;

namespace StandardsCloud.LoadHarness;

/// <summary>
/// The command-line shell of a harness. Exit codes: 0 the run finished and its results are
/// written (targets met or not), or help was asked; 1 it could not run; 2 bad arguments;
/// 130 interrupted (Ctrl-C or SIGTERM), after everything it started has been stopped.
/// </summary>
public static class HarnessCommand
{
    /// <param name="what">The benchmark's name, for the message when it aborts.</param>
    /// <param name="parsed">The parsed command line: options, or the message for the user.</param>
    /// <param name="run">Runs the benchmark, writes its results, and returns the summary to print.</param>
    public static async Task<int> RunAsync<TOptions>(
        string what, (TOptions? Options, string? Message, bool Help) parsed, Func<TOptions, CancellationToken, Task<string>> run)
        where TOptions : class
    {
        if (parsed.Options is not { } options)
        {
            (parsed.Help ? Console.Out : Console.Error).WriteLine(parsed.Message);
            return parsed.Help ? 0 : 2;
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
            var summary = await run(options, stop.Token).ConfigureAwait(false);
            Console.WriteLine();
            Console.Write(summary);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted; everything the harness started has been stopped").ConfigureAwait(false);
            return 130;
        }
        catch (BenchAbortedException e)
        {
            await Console.Error.WriteLineAsync($"{what} aborted: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
