using StandardsCloud.Server;
using StandardsCloud.Server.Configuration;

// Commands: `run [--config FILE] [--data-dir DIR]` (the default) and `validate FILE`.
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var options = CommandLine.Options(args.SkipWhile(a => !a.StartsWith('-')).ToArray());
if (options is null)
{
    Console.Error.WriteLine("usage: StandardsCloud.Server [run] [--config FILE] [--data-dir DIR] | validate FILE");
    return 2;
}

switch (command)
{
    case "validate":
        var file = args.Length > 1 ? args[1] : null;
        if (file is null)
        {
            Console.Error.WriteLine("validate: name the site configuration file to check");
            return 2;
        }

        var (_, problems) = SiteConfigurationLoader.Load(file);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine(problems.Count == 0 ? $"{file}: valid" : $"{file}: {problems.Count} problem(s)");
        return problems.Count == 0 ? 0 : 1;

    case "run":
        var (settings, errors) = SiteConfigurationLoader.Load(options.GetValueOrDefault("config"), options.GetValueOrDefault("data-dir"));
        if (settings is null)
        {
            Console.Error.WriteLine("The site configuration is refused; nothing was started:");
            foreach (var error in errors)
            {
                Console.Error.WriteLine("  " + error);
            }

            return 1;
        }

        var app = ServerApp.Build(settings);
        await app.RunAsync();
        return 0;

    default:
        Console.Error.WriteLine($"unknown command '{command}'; allowed: run, validate");
        return 2;
}
