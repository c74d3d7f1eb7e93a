using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

if (args is ["notify-load", .. var rest])
{
    await Hark.Benchmarks.NotifyLoad.RunAsync(rest);
    return;
}

if (args is ["media-chain", .. var chain])
{
    await Hark.Benchmarks.MediaChainLoad.RunAsync(chain);
    return;
}

// The machine is shared and noisy: report the median beside the mean.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
