using System.Text;
using System.Text.Json;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>How one step of a client session ended.</summary>
public enum StepOutcome
{
    Passed,
    Failed,
    /// <summary>Not tried because a step it needs failed.</summary>
    Skipped,
}

/// <summary>One step of a client session: an EC2 call (or a few) and the checks on what came back.</summary>
public sealed record SessionStep(string Name, StepOutcome Outcome, string Detail, TimeSpan Took = default);

/// <summary>
/// What a client session did, step by step. A session goes on past a failed step where it can,
/// so one run shows every step that does not work with that client, not only the first.
/// </summary>
public sealed class SessionReport(string client, IReadOnlyList<SessionStep> steps, string log = "")
{
    public string Client { get; } = client;

    public IReadOnlyList<SessionStep> Steps { get; } = steps;

    /// <summary>Whatever the client printed besides the report (warnings, tracebacks).</summary>
    public string Log { get; } = log;

    /// <summary>Reads the JSON a Python session prints: <c>{"client": "...", "steps": [{"name", "outcome", "detail"}]}</c>.</summary>
    public static SessionReport FromJson(string json, string log)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().Select(s => new SessionStep(
            s.GetProperty("name").GetString()!,
            Enum.Parse<StepOutcome>(s.GetProperty("outcome").GetString()!, ignoreCase: true),
            s.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "",
            s.TryGetProperty("seconds", out var t) ? TimeSpan.FromSeconds(t.GetDouble()) : default)).ToList();
        return new SessionReport(root.GetProperty("client").GetString()!, steps, log);
    }

    public override string ToString() => Describe();

    /// <summary>The report as lines for the test output, one per step; a known gap that did not pass shows as GAP.</summary>
    public string Describe(IReadOnlyDictionary<string, string>? knownGaps = null)
    {
        var text = new StringBuilder().AppendLine(Client);
        foreach (var step in Steps)
        {
            var outcome = step.Outcome != StepOutcome.Passed && knownGaps?.ContainsKey(step.Name) == true ? "GAP" : step.Outcome.ToString().ToUpperInvariant();
            text.Append("  ").Append(outcome.PadRight(8)).Append(step.Name);
            if (step.Outcome != StepOutcome.Skipped)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $" ({step.Took.TotalSeconds:0.00} s)");
            }

            if (step.Outcome != StepOutcome.Passed)
            {
                text.Append(": ").Append(step.Detail);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// Fails unless every step passed, apart from the known gaps: steps that are expected to fail
    /// until the server does better, each with the reason. A known gap that passes fails too, so
    /// the list (and the compatibility matrix in docs/ec2.md) stays true.
    /// </summary>
    public void AssertPassed(IReadOnlyDictionary<string, string>? knownGaps = null)
    {
        knownGaps ??= new Dictionary<string, string>();
        Assert.True(Steps.Count > 0, $"{Client}: the session reported no steps\n{Log}");
        var unknownGaps = knownGaps.Keys.Where(k => Steps.All(s => s.Name != k)).ToList();
        var broken = Steps.Where(s => s.Outcome != StepOutcome.Passed && !knownGaps.ContainsKey(s.Name)).ToList();
        var mended = Steps.Where(s => s.Outcome == StepOutcome.Passed && knownGaps.ContainsKey(s.Name)).ToList();
        if (broken.Count == 0 && mended.Count == 0 && unknownGaps.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(Client).Append(": ").Append(broken.Count).Append(" of ").Append(Steps.Count).AppendLine(" steps did not pass");
        foreach (var step in broken)
        {
            message.Append("  ").Append(step.Outcome.ToString().ToUpperInvariant()).Append(' ').Append(step.Name).Append(": ").AppendLine(step.Detail);
        }

        foreach (var step in mended)
        {
            message.Append("  PASSED ").Append(step.Name).Append(", listed as a known gap (").Append(knownGaps[step.Name]).AppendLine("): take it off the list");
        }

        foreach (var name in unknownGaps)
        {
            message.Append("  a known gap names no step of this session: ").AppendLine(name);
        }

        message.AppendLine().Append(Describe(knownGaps));
        if (Log.Length > 0)
        {
            message.AppendLine("client output:").Append(Log.Length > 4000 ? Log[^4000..] : Log);
        }

        Assert.Fail(message.ToString());
    }
}
