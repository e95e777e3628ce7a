namespace StandardsCloud.Ec2Describe.Workload;

/// <summary>An EC2 endpoint the workload runs against, and how to read the CPU it spends.</summary>
/// <param name="Name">How the results name it: <c>standardscloud</c> or <c>moto</c>.</param>
/// <param name="ImageId">The image to launch; null lets the driver pick the first Amazon image the target lists.</param>
/// <param name="Cpu">CPU seconds the target has spent so far (server and database separately).</param>
public sealed record Target(
    string Name,
    Uri Endpoint,
    string Region,
    string AccessKey,
    string SecretKey,
    string? ImageId,
    int Instances,
    Func<TargetCpu> Cpu);

/// <summary>CPU seconds of a target's parts: the API server, its database, the hosts behind it.</summary>
public sealed record TargetCpu(double Server, double Database, double Nodes)
{
    public static TargetCpu operator -(TargetCpu after, TargetCpu before) =>
        new(after.Server - before.Server, after.Database - before.Database, after.Nodes - before.Nodes);

    /// <summary>What answering the API costs: the server and its database (not the hosts).</summary>
    public double Answering => Server + Database;
}
