using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>One of the context's parallel sequences (its llama.cpp seq_id) and the request it is serving.</summary>
internal sealed class SequenceSlot(int sequence)
{
    private byte[] _piece = new byte[64];

    public int Sequence { get; } = sequence;
    public PendingGeneration? Work { get; private set; }
    public bool IsFree => Work is null;

    public int PromptOffset { get; set; }
    public int Position { get; set; }
    public int PendingToken { get; set; }
    public bool HasPendingToken { get; set; }
    public int BatchIndex { get; set; } = -1;
    public bool InBatch { get; set; }
    public int CompletionTokens { get; set; }
    public long AdmittedAt { get; private set; }
    public long FirstTokenAt { get; set; }

    public GeneratedText Text { get; } = new();
    public int Emitted { get; private set; }
    private TokenTextDecoder Decoder { get; } = new();

    public bool IsPrefilling => Work is not null && PromptOffset < Work.PromptTokens.Length;

    public void Start(PendingGeneration work, long now)
    {
        Work = work;
        AdmittedAt = now;
        PromptOffset = Position = CompletionTokens = 0;
        FirstTokenAt = 0;
        HasPendingToken = InBatch = false;
        BatchIndex = -1;
        Text.Clear();
        Emitted = 0;
        Decoder.Reset();
    }

    public void Release() => Work = null;

    /// <summary>Appends a sampled token's text; true when it completed a stop sequence (then cut from the text).</summary>
    public bool AppendToken(LlamaModel model, int token)
    {
        var length = model.TokenToPiece(token, _piece);
        if (length < 0)
        {
            _piece = new byte[-length];
            length = model.TokenToPiece(token, _piece);
        }

        var before = Text.Length;
        Decoder.Append(_piece.AsSpan(0, length), Text);
        var stops = Work!.Stops;
        if (stops.IsEmpty)
        {
            EmitUpTo(Text.Length);
            return false;
        }
        var stopAt = stops.Find(Text.Span, before);
        if (stopAt >= 0)
        {
            Text.Truncate(stopAt);
            EmitUpTo(stopAt);
            return true;
        }
        EmitUpTo(stops.SafeLength(Text.Span));
        return false;
    }

    /// <summary>The text is complete without a stop sequence: release what was held back.</summary>
    public void FlushText()
    {
        Decoder.Flush(Text);
        EmitUpTo(Text.Length);
    }

    private void EmitUpTo(int end)
    {
        if (end <= Emitted) return;
        Work!.Sink?.OnText(Text.Span[Emitted..end]);
        Emitted = end;
    }
}
