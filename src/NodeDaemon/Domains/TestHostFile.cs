using System.Globalization;
using System.Xml.Linq;

namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// The node description the libvirt test driver reads from <c>test:///&lt;path&gt;</c>. Its CPU
/// and memory are what virNodeGetInfo answers, so a fake host offers the capacity it is told to.
/// </summary>
public static class TestHostFile
{
    public static string Build(int cpus, long memoryMiB) =>
        new XElement("node",
            new XElement("cpu",
                new XElement("mhz", "2000"),
                new XElement("model", "x86_64"),
                new XElement("active", Number(cpus)),
                new XElement("nodes", "1"),
                new XElement("sockets", "1"),
                new XElement("cores", Number(cpus)),
                new XElement("threads", "1")),
            new XElement("memory", Number(memoryMiB * 1024))).ToString();

    /// <summary>Writes the file and returns the URI that opens a private test host on it.</summary>
    public static string Write(string path, int cpus, long memoryMiB)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Build(cpus, memoryMiB));
        return "test://" + full;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
