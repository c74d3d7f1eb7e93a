using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Hark.Graph.Auth;
using Hark.Graph.Calls;
using Hark.Graph.Notifications;
using Hark.Graph.Outbound;
using Hark.Graph.Prompts;
using Hark.Graph.Validation;
using Hark.Host.Operations;
using Hark.Rtp;
using Hark.Storage;
using Hark.Telephony;

namespace Hark.Host.Cli;

/// <summary>
/// Every options class Hark binds and the configuration section it is bound from: the source of
/// <c>hark --help</c>'s key list and of the configuration key a validation failure names.
/// </summary>
internal static class OptionsCatalog
{
    public static readonly IReadOnlyList<(Type Type, string Section)> Sections =
    [
        (typeof(HarkOptions), HarkOptions.SectionName),
        (typeof(StorageOptions), StorageOptions.SectionName),
        (typeof(LoggingOptions), LoggingOptions.SectionName),
        (typeof(ShutdownOptions), ShutdownOptions.SectionName),
        (typeof(DevelopmentOptions), DevelopmentOptions.SectionName),
        (typeof(HealthOptions), HealthOptions.SectionName),
        (typeof(HttpOptions), HttpOptions.SectionName),

        // The same Hark:Health:MinFreeDiskMegabytes, read by the Graph layer to refuse new recordings; listed once.
        (typeof(RecordingDiskOptions), RecordingDiskOptions.SectionName),
        (typeof(TelemetryOptions), TelemetryOptions.SectionName),
        (typeof(Admin.AdminOptions), Admin.AdminOptions.SectionName),
        (typeof(GraphAuthOptions), GraphAuthOptions.SectionName),
        (typeof(RecordingMediaOptions), RecordingMediaOptions.SectionName),
        (typeof(RecordingsOptions), RecordingsOptions.SectionName),
        (typeof(RetentionOptions), RetentionOptions.SectionName),
        (typeof(CallOptions), CallOptions.SectionName),
        (typeof(GraphLimitsOptions), GraphLimitsOptions.SectionName),
        (typeof(WebhookOptions), WebhookOptions.SectionName),
        (typeof(PromptOptions), PromptOptions.SectionName),
        (typeof(OutboundOptions), OutboundOptions.SectionName),
        (typeof(SipOptions), SipOptions.SectionName),
        (typeof(RtpOptions), "Hark:Rtp"),
        (typeof(CapacityOptions), CapacityOptions.SectionName),
        (typeof(MediaEngineOptions), MediaEngineOptions.SectionName),
    ];

    /// <summary>Lists (repeated sections) and what one entry holds, for the help text.</summary>
    public static readonly IReadOnlyList<(string Key, string Meaning)> Lists =
    [
        ("Hark:Applications:N:ClientId, :ClientSecret, :CallbackUri, :Roles, :Numbers", "bot applications (none: a development application)"),
        ("Hark:Operators:N:Name, :Key", "operator credentials for /hark/v1/admin, /metrics and /console (none: a development operator, loopback only)"),
    ];

    public static string? SectionOf(Type optionsType) =>
        Sections.FirstOrDefault(s => s.Type == optionsType).Section;

    /// <summary>Every scalar key of every options class with its default value, in catalog order, once each.</summary>
    public static IEnumerable<(string Key, string Default)> Keys()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, section) in Sections)
        {
            foreach (var entry in KeysOf(Activator.CreateInstance(type)!, section))
            {
                if (seen.Add(entry.Key))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>What a property accepts, from its validation attributes; null when nothing is declared.</summary>
    public static string? Allowed(PropertyInfo? property)
    {
        if (property is null)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"from {range.Minimum} to {range.Maximum}"));
                    break;
                case AllowedValuesAttribute allowed:
                    parts.Add("one of " + string.Join(", ", allowed.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
                    break;
                case RequiredAttribute:
                    parts.Add("required");
                    break;
                case StringLengthAttribute length:
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"{length.MinimumLength} to {length.MaximumLength} characters"));
                    break;
                case MinLengthAttribute min:
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"at least {min.Length} characters"));
                    break;
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static IEnumerable<(string Key, string Default)> KeysOf(object instance, string prefix)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = prefix + ":" + property.Name;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = property.GetValue(instance);
            if (IsScalar(type))
            {
                yield return (key, Show(value));
            }
            else if (typeof(IEnumerable).IsAssignableFrom(type))
            {
                yield return (key + ":N", "(none)");
            }
            else if (value is not null)
            {
                foreach (var nested in KeysOf(value, key))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        string { Length: 0 } => "(empty)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };
}
