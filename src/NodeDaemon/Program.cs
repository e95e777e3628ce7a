using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Hosting;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var parsed = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
if (!parsed.IsOk)
{
    Console.Error.WriteLine(parsed.Error);
    return 2;
}

// The arguments are ours alone; the host gets none so it does not read them as configuration.
// Content root is the program's folder, not the working directory, so no file watcher covers it.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Services.AddSingleton(parsed.Value);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<NodeService>();

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
