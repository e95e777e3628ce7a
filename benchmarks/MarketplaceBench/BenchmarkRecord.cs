using System.Globalization;
using System.Xml;

namespace StandardsCloud.MarketplaceBench;

/// <summary>One benchmark's parameters and results, written in the project's benchmark record format.</summary>
internal sealed record BenchmarkRecord(string Name, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Results)
{
    public static string Number(double value, int decimals = 2) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static void Write(string path, IEnumerable<BenchmarkRecord> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true });
        writer.WriteStartElement("benchmarks");
        foreach (var record in records)
        {
            writer.WriteStartElement("benchmark");
            writer.WriteAttributeString("name", record.Name);
            writer.WriteStartElement("parameters");
            foreach (var (key, value) in record.Parameters)
            {
                writer.WriteElementString(key, value);
            }

            writer.WriteEndElement();
            writer.WriteStartElement("results");
            foreach (var (key, value) in record.Results)
            {
                var unit = key switch
                {
                    _ when key.EndsWith("_time", StringComparison.Ordinal) => "sec",
                    _ => null,
                };
                writer.WriteStartElement(key);
                if (unit is not null)
                {
                    writer.WriteAttributeString("unit", unit);
                }

                writer.WriteString(value);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>The value at quantile <paramref name="q"/> (0–1) of sorted samples.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
