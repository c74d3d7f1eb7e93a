using System.Globalization;

namespace Hark.Graph.Prompts;

/// <summary>Byte counts for messages: "16 MB", "64 KB", "1500 bytes" (binary units).</summary>
internal static class PromptSize
{
    public static string Format(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
