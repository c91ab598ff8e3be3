using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary><c>struct llama_chat_message</c>: two NUL-terminated UTF-8 strings owned by the caller.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaChatMessage
{
    public byte* Role;
    public byte* Content;
}
