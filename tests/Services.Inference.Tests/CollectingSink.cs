using System.Text;
using Kiln.Inference.Generation;

namespace Kiln.Inference.Tests;

/// <summary>Keeps every piece of streamed text, and signals when the first arrives.</summary>
public sealed class CollectingSink : IGeneratedTextSink
{
    private readonly List<string> _pieces = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstText => _first.Task;

    public IReadOnlyList<string> Pieces
    {
        get { lock (_pieces) return [.. _pieces]; }
    }

    public string Text
    {
        get { lock (_pieces) return string.Concat(_pieces); }
    }

    public void OnText(ReadOnlySpan<char> text)
    {
        lock (_pieces) _pieces.Add(new string(text));
        _first.TrySetResult();
    }
}
