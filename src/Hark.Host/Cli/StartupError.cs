using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hark.Host.Cli;

/// <summary>Turns what stopped Hark from starting into one line and an exit code; never a stack trace.</summary>
internal static partial class StartupError
{
    public const int Failure = 1;
    public const int Configuration = 2;
    public const int DataDirectoryLocked = 3;
    public const int AddressInUse = 4;

    public static (int ExitCode, string Line) Describe(Exception exception, IConfiguration configuration)
    {
        var e = Unwrap(exception);
        return e switch
        {
            OptionsValidationException invalid => (Configuration, DescribeInvalid(invalid, configuration)),
            ConfigurationKeyException key => (Configuration, key.Message),
            InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                (Configuration, OneLine(e.Message + (e.InnerException is { } inner ? " " + inner.Message : ""))),
            Operations.DataDirectoryLockedException locked => (DataDirectoryLocked, locked.Message),
            IOException when e.InnerException?.GetType().Name == "AddressInUseException" || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
                (AddressInUse, OneLine(e.Message) + " Another program listens there: choose another address with --urls."),
            SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
                (AddressInUse, $"The SIP address {configuration["Hark:Sip:ListenAddress"] ?? "127.0.0.1"}:{configuration["Hark:Sip:Port"] ?? "5060"} " +
                    "is already in use: choose another with Hark:Sip:ListenAddress / Hark:Sip:Port."),
            _ => (Failure, OneLine($"{e.GetType().Name}: {e.Message}")),
        };
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            e = aggregate.InnerExceptions[0];
        }

        return e;
    }

    // DataAnnotations name the C# member ("members: 'AnswerTimeoutSeconds'"); operators know the key.
    private static string DescribeInvalid(OptionsValidationException invalid, IConfiguration configuration)
    {
        var section = OptionsCatalog.SectionOf(invalid.OptionsType);
        var parts = new List<string>();
        foreach (var failure in invalid.Failures)
        {
            var match = DataAnnotationFailure().Match(failure);
            if (section is null || !match.Success)
            {
                parts.Add(OneLine(failure));
                continue;
            }

            foreach (var member in match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var key = section + ":" + member.Replace('.', ':');
                var allowed = OptionsCatalog.Allowed(invalid.OptionsType.GetProperty(member));
                parts.Add(allowed is null
                    ? $"{key}={configuration[key] ?? "(unset)"} is invalid: {OneLine(match.Groups["error"].Value)}"
                    : $"{key}={configuration[key] ?? "(unset)"} is invalid: allowed {allowed}.");
            }
        }

        return string.Join(" ", parts);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
