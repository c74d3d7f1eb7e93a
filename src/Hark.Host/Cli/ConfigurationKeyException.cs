namespace Hark.Host.Cli;

/// <summary>A configuration value Hark refuses, found before the host is built (so no options validation ran yet).</summary>
public sealed class ConfigurationKeyException(string key, string? value, string allowed)
    : Exception($"{key}={value ?? "(unset)"} is invalid: allowed {allowed}.")
{
    public string Key { get; } = key;
}
