namespace StandardsCloud.LoadHarness;

/// <summary>The harness cannot go on (a process would not start, the cloud never became ready).</summary>
public sealed class BenchAbortedException(string message) : Exception(message);
