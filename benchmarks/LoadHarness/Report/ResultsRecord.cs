using System.Globalization;
using System.Text;
using System.Xml;

namespace StandardsCloud.LoadHarness.Report;

/// <summary>
/// Writes StratusLab's benchmark record (see ARCHITECTURE.md, "Benchmark results format"): one
/// <c>&lt;benchmarks&gt;</c> root, a <c>&lt;benchmark name='…'&gt;</c> each with its
/// <c>parameters</c> and <c>results</c>. Figures that were not measured (NaN) are left out.
/// </summary>
public sealed class ResultsRecord : IDisposable
{
    private readonly FileStream _stream;
    private readonly XmlTextWriter _xml;

    public ResultsRecord(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = File.Create(path);
        _xml = new XmlTextWriter(_stream, new UTF8Encoding(false)) { Formatting = Formatting.Indented, Indentation = 2, QuoteChar = '\'' };
        _xml.WriteStartElement("benchmarks");
    }

    /// <summary>One benchmark: <paramref name="parameters"/> and <paramref name="results"/> write their elements.</summary>
    public void Benchmark(string name, Action<ResultsRecord> parameters, Action<ResultsRecord> results)
    {
        _xml.WriteStartElement("benchmark");
        _xml.WriteAttributeString("name", name);
        _xml.WriteStartElement("parameters");
        parameters(this);
        _xml.WriteEndElement();
        _xml.WriteStartElement("results");
        results(this);
        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    /// <summary>A measured figure, formatted; left out when NaN.</summary>
    public void Element(string name, double value, string format, string? unit = null)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _xml.WriteStartElement(name);
        if (unit is not null)
        {
            _xml.WriteAttributeString("unit", unit);
        }

        _xml.WriteString(value.ToString(format, CultureInfo.InvariantCulture));
        _xml.WriteEndElement();
    }

    public void Element(string name, double value) => _xml.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public void Element(string name, string value) => _xml.WriteElementString(name, value);

    public void Element(string name, bool value) => Element(name, value ? "true" : "false");

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.WriteWhitespace("\n");
        _xml.Flush();
        _xml.Dispose();
        _stream.Dispose();
    }
}
