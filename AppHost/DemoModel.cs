using Kiln.AppHost.Hosting;
using Kiln.TestModels;

namespace Kiln.AppHost;

/// <summary>
/// Inference is ready only with a model loaded, so without <c>Inference:ModelPath</c> a first run would never be
/// all-ready: it gets a small generated model instead, and says so.
/// </summary>
public static class DemoModel
{
    public const string FileName = "kiln-demo.gguf";

    public static KilnAppBuilder UseDemoModelWhenNoneIsConfigured(this KilnAppBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Inference:ModelPath"])) return builder;

        var path = Path.Combine(AppContext.BaseDirectory, "models", FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            TestModel.Write(path, TestModelShape.Tiny, name: "kiln-demo", endOfSequenceWeight: 1f);
        }
        builder.Configuration["Inference:ModelPath"] = path;
        builder.Console.Info($"Inference__ModelPath is not set: using a generated demo model with random weights ({path}); its text is gibberish. Set Inference__ModelPath to a GGUF file for real text.");
        return builder;
    }
}
