using System.Diagnostics;
using Xunit.Sdk;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>
/// Runs the steps of a session driven from .NET (awscli, the AWS SDK): each step is a piece of
/// client code with its checks; a failed check or a client error ends that step only.
/// </summary>
public sealed class SessionSteps(string client)
{
    private readonly List<SessionStep> _steps = [];

    /// <summary>Runs <paramref name="step"/> unless one of the steps it <paramref name="needs"/> did not pass.</summary>
    public async Task RunAsync(string name, Func<Task> step, params string[] needs)
    {
        var missing = needs.Where(n => _steps.All(s => s.Name != n || s.Outcome != StepOutcome.Passed)).ToList();
        if (missing.Count > 0)
        {
            _steps.Add(new SessionStep(name, StepOutcome.Skipped, "needs " + string.Join(", ", missing)));
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await step();
            _steps.Add(new SessionStep(name, StepOutcome.Passed, "", Stopwatch.GetElapsedTime(started)));
        }
        catch (Exception e)
        {
            // Whatever the client threw is that step's failure; the report fails the test.
            _steps.Add(new SessionStep(name, StepOutcome.Failed, Describe(e), Stopwatch.GetElapsedTime(started)));
        }
    }

    public SessionReport Report() => new(client, _steps);

    private static string Describe(Exception e) => e switch
    {
        Amazon.Runtime.AmazonServiceException s => $"{s.GetType().Name} {s.ErrorCode} (HTTP {(int)s.StatusCode}): {s.Message}",
        XunitException => e.Message.ReplaceLineEndings(" "),
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
