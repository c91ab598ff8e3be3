using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Inference.Llama;

/// <summary>llama.cpp's built-in chat template engine (<c>llama_chat_apply_template</c>).</summary>
public static unsafe class LlamaChatTemplate
{
    /// <summary>
    /// Formats <paramref name="messages"/> with <paramref name="template"/> (a template text or a built-in name such as
    /// "chatml"); null when llama.cpp does not recognise the template.
    /// </summary>
    public static string? Apply(string template, IReadOnlyList<(string Role, string Content)> messages, bool addAssistant)
    {
        var strings = new List<nint>(messages.Count * 2 + 1);
        try
        {
            var templateUtf8 = Utf8(template, strings);
            var native = new LlamaChatMessage[messages.Count];
            var size = 256;
            for (var i = 0; i < messages.Count; i++)
            {
                native[i] = new LlamaChatMessage { Role = Utf8(messages[i].Role, strings), Content = Utf8(messages[i].Content, strings) };
                size += 2 * (Encoding.UTF8.GetByteCount(messages[i].Content) + messages[i].Role.Length + 16);
            }

            while (true)
            {
                var buffer = new byte[size];
                int length;
                fixed (LlamaChatMessage* m = native)
                fixed (byte* b = buffer)
                    length = LlamaNative.llama_chat_apply_template(templateUtf8, m, (nuint)native.Length, addAssistant, b, buffer.Length);
                if (length < 0) return null;
                if (length <= buffer.Length) return Encoding.UTF8.GetString(buffer, 0, length);
                size = length;
            }
        }
        finally
        {
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
        }
    }

    private static byte* Utf8(string text, List<nint> owned)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(pointer);
        return (byte*)pointer;
    }
}
