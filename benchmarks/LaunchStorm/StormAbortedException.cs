namespace StandardsCloud.LaunchStorm;

/// <summary>The harness cannot go on (a process would not start, the cloud never became ready).</summary>
public sealed class StormAbortedException(string message) : Exception(message);
