using Hark.Host.Cli;

return await HarkCommandLine.RunAsync(args, Console.Out, Console.Error);
