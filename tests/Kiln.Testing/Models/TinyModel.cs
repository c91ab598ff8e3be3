using Kiln.TestModels;

namespace Kiln.Testing.Models;

/// <summary>A generated tiny GGUF model, so inference has something to load without real model files.</summary>
public static class TinyModel
{
    /// <summary>Writes the model into <paramref name="folder"/> and returns its path (for Inference:ModelPath).</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "kiln-tiny.gguf");
        TestModel.Write(path, TestModelShape.Tiny);
        return path;
    }
}
