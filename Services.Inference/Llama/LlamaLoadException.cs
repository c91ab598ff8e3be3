namespace Kiln.Inference.Llama;

/// <summary>llama.cpp or a model could not be loaded; the message says what to fix.</summary>
public sealed class LlamaLoadException(string message, Exception? inner = null) : Exception(message, inner);
