using Hark.Host;

HarkApp.Create(args).Run();
