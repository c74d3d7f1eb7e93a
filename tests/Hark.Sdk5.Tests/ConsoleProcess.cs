using System.Diagnostics;
using System.Text;

namespace Hark.Sdk5.Tests;

/// <summary>
/// A console program driven through its stdin (baresip, linphonec): everything it prints is kept for waits and
/// failure messages, and disposing it kills it and deletes its folder.
/// </summary>
internal sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private readonly Task _reader;

    /// <param name="process">Started with stdin, stdout and stderr redirected (<see cref="ExternalTool.Start"/>).</param>
    /// <param name="name">The program's name, for messages.</param>
    /// <param name="directory">Its own folder, deleted on dispose.</param>
    public ConsoleProcess(Process process, string name, string directory)
    {
        _process = process;
        _name = name;
        _directory = directory;
        _process.StandardInput.AutoFlush = true;
        _reader = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    /// <summary>Everything it printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Types <paramref name="text"/> on its stdin as it is (no newline).</summary>
    public Task WriteAsync(string text, CancellationToken cancellationToken) =>
        _process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken);

    /// <summary>Types <paramref name="line"/> and a newline.</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken) => WriteAsync(line + "\n", cancellationToken);

    /// <summary>Waits until it has printed <paramref name="text"/> (case-sensitive) at any point so far.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">It exited first.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _waiters.Add((text, seen));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        await Task.WhenAny(seen.Task, exited);
        if (seen.Task.IsCompleted)
        {
            return;
        }

        if (exited.IsCanceled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{_name} did not print '{text}' within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        // What it printed last, before exiting, may still be on its way through the pipe.
        await _reader;
        if (!Output.Contains(text, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{_name} exited ({_process.ExitCode}) before printing '{text}'. Output:\n{Output}");
        }
    }

    /// <summary>Types <paramref name="command"/> (its quit command) and waits up to <paramref name="timeout"/> for it to exit; returns its exit code.</summary>
    public async Task<int> QuitAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            await WriteLineAsync(command, cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await _process.WaitForExitAsync(deadline.Token);
        }

        await _reader;
        return _process.ExitCode;
    }

    /// <summary>Kills it (and its children) if it still runs and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await _reader;
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task ReadAsync(StreamReader reader)
    {
        // Read in chunks, not lines: a status line may be redrawn with carriage returns and no newline.
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            List<TaskCompletionSource> seen = [];
            lock (_output)
            {
                _output.Append(buffer, 0, read);
                var text = _output.ToString();
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (text.Contains(_waiters[i].Text, StringComparison.Ordinal))
                    {
                        seen.Add(_waiters[i].Seen);
                        _waiters.RemoveAt(i);
                    }
                }
            }

            seen.ForEach(s => s.TrySetResult());
        }
    }
}
