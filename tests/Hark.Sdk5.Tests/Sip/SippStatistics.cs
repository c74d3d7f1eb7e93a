using System.Globalization;

namespace Hark.Sdk5.Tests.Sip;

/// <summary>The cumulative counters of SIPp's -trace_stat file, as of its last line (written at exit).</summary>
internal sealed class SippStatistics
{
    private readonly Dictionary<string, string> _fields;

    private SippStatistics(Dictionary<string, string> fields) => _fields = fields;

    /// <summary>Calls that reached the end of the scenario.</summary>
    public long SuccessfulCalls => Cumulative("SuccessfulCall");

    /// <summary>Calls that failed for any reason.</summary>
    public long FailedCalls => Cumulative("FailedCall");

    /// <summary>Calls the run started (UAC) or received (UAS).</summary>
    public long TotalCalls => Counter("TotalCallCreated");

    /// <summary>Messages SIPp had to retransmit (UDP).</summary>
    public long Retransmissions => Cumulative("Retransmissions");

    /// <summary>Calls failed because an expected message did not come in time.</summary>
    public long FailedTimeoutOnReceive => Cumulative("FailedTimeoutOnRecv");

    /// <summary>Calls failed on a message the scenario did not expect.</summary>
    public long FailedUnexpectedMessage => Cumulative("FailedUnexpectedMessage");

    /// <summary>All columns, by their header name (such as "SuccessfulCall(C)").</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>Parses the ';'-separated file: a header line, then one line per dump. Null without a dump.</summary>
    public static SippStatistics? Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            return null;
        }

        var names = lines[0].Split(';');
        var values = lines[^1].Split(';');
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length && i < values.Length; i++)
        {
            fields[names[i]] = values[i];
        }

        return new SippStatistics(fields);
    }

    /// <summary>A counter column as a number; 0 when absent (older SIPp) or not numeric.</summary>
    public long Counter(string column) =>
        _fields.TryGetValue(column, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{SuccessfulCalls} successful, {FailedCalls} failed of {TotalCalls} (recv timeouts {FailedTimeoutOnReceive}, " +
        $"unexpected messages {FailedUnexpectedMessage}, retransmissions {Retransmissions})";

    private long Cumulative(string counter) => Counter(counter + "(C)");
}
