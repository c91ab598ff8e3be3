using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Kiln.Inference.Llama;

namespace Kiln.Inference.Tests.NativeLayout;

/// <summary>
/// Compiles a small C++ program against llama.h of the pinned release and compares sizeof/offsetof of every struct
/// the binding passes by value, and the enum values inside them, with the C# declarations.
/// </summary>
public sealed class NativeLayoutTests
{
    private static readonly Type[] StructsPassedByValue =
    [
        typeof(LlamaModelParams), typeof(LlamaContextParams), typeof(LlamaBatch),
        typeof(LlamaChatMessage), typeof(LlamaSamplerChainParams), typeof(GgmlThreadpoolParams), typeof(LlamaLogitBias),
    ];

    private static readonly (string C, long CSharp)[] EnumValues =
    [
        ("LLAMA_SPLIT_MODE_NONE", (long)LlamaSplitMode.None), ("LLAMA_SPLIT_MODE_LAYER", (long)LlamaSplitMode.Layer),
        ("LLAMA_SPLIT_MODE_ROW", (long)LlamaSplitMode.Row), ("LLAMA_SPLIT_MODE_TENSOR", (long)LlamaSplitMode.Tensor),
        ("LLAMA_LOAD_MODE_AUTO", (long)LlamaLoadMode.Auto), ("LLAMA_LOAD_MODE_MMAP", (long)LlamaLoadMode.Mmap),
        ("LLAMA_LOAD_MODE_MMAP_MLOCK", (long)LlamaLoadMode.MmapMlock), ("LLAMA_LOAD_MODE_DIRECT_IO", (long)LlamaLoadMode.DirectIo),
        ("LLAMA_LAZY_MODE_OFF", (long)LlamaLazyMode.Off), ("LLAMA_LAZY_MODE_ON", (long)LlamaLazyMode.On),
        ("LLAMA_CONTEXT_TYPE_DEFAULT", (long)LlamaContextType.Default), ("LLAMA_CONTEXT_TYPE_MTP", (long)LlamaContextType.Mtp),
        ("LLAMA_ROPE_SCALING_TYPE_UNSPECIFIED", (long)LlamaRopeScalingType.Unspecified), ("LLAMA_ROPE_SCALING_TYPE_LONGROPE", (long)LlamaRopeScalingType.LongRope),
        ("LLAMA_POOLING_TYPE_UNSPECIFIED", (long)LlamaPoolingType.Unspecified), ("LLAMA_POOLING_TYPE_RANK", (long)LlamaPoolingType.Rank),
        ("LLAMA_ATTENTION_TYPE_UNSPECIFIED", (long)LlamaAttentionType.Unspecified), ("LLAMA_ATTENTION_TYPE_NON_CAUSAL", (long)LlamaAttentionType.NonCausal),
        ("LLAMA_FLASH_ATTN_TYPE_AUTO", (long)LlamaFlashAttentionType.Auto), ("LLAMA_FLASH_ATTN_TYPE_DISABLED", (long)LlamaFlashAttentionType.Disabled),
        ("LLAMA_FLASH_ATTN_TYPE_ENABLED", (long)LlamaFlashAttentionType.Enabled),
        ("GGML_TYPE_F32", (long)GgmlType.F32), ("GGML_TYPE_F16", (long)GgmlType.F16), ("GGML_TYPE_Q4_0", (long)GgmlType.Q4_0),
        ("GGML_TYPE_Q4_1", (long)GgmlType.Q4_1), ("GGML_TYPE_Q5_0", (long)GgmlType.Q5_0), ("GGML_TYPE_Q5_1", (long)GgmlType.Q5_1),
        ("GGML_TYPE_Q8_0", (long)GgmlType.Q8_0), ("GGML_TYPE_BF16", (long)GgmlType.BF16),
        ("GGML_LOG_LEVEL_DEBUG", (long)GgmlLogLevel.Debug), ("GGML_LOG_LEVEL_ERROR", (long)GgmlLogLevel.Error), ("GGML_LOG_LEVEL_CONT", (long)GgmlLogLevel.Continue),
        ("GGML_BACKEND_DEVICE_TYPE_CPU", (long)GgmlBackendDeviceType.Cpu), ("GGML_BACKEND_DEVICE_TYPE_GPU", (long)GgmlBackendDeviceType.Gpu),
        ("GGML_BACKEND_DEVICE_TYPE_IGPU", (long)GgmlBackendDeviceType.IntegratedGpu), ("GGML_BACKEND_DEVICE_TYPE_ACCEL", (long)GgmlBackendDeviceType.Accelerator),
        ("GGML_BACKEND_DEVICE_TYPE_META", (long)GgmlBackendDeviceType.Meta),
        ("GGML_MAX_N_THREADS", GgmlThreadpoolParams.MaxThreads),
    ];

    [RequiresProgramFact("g++")]
    public void Structs_passed_by_value_have_the_layout_of_llama_h()
    {
        var managed = new List<string>();
        var program = new StringBuilder("#include <cstdio>\n#include <cstddef>\n#include \"llama.h\"\nint main() {\n");
        foreach (var type in StructsPassedByValue)
        {
            var c = SnakeCase(type.Name);
            managed.Add($"{c} size {Marshal.SizeOf(type)}");
            program.Append($"  std::printf(\"{c} size %zu\\n\", sizeof(struct {c}));\n");
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public))
            {
                var name = SnakeCase(field.Name);
                managed.Add($"{c}.{name} offset {Marshal.OffsetOf(type, field.Name)}");
                program.Append($"  std::printf(\"{c}.{name} offset %zu\\n\", offsetof(struct {c}, {name}));\n");
            }
        }
        foreach (var (c, value) in EnumValues)
        {
            managed.Add($"{c} = {value}");
            program.Append($"  std::printf(\"{c} = %lld\\n\", (long long){c});\n");
        }
        program.Append("  return 0;\n}\n");

        var native = CompileAndRun(program.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(native, managed);
    }

    [Fact]
    public void Snake_case_follows_the_llama_h_names()
    {
        Assert.Equal("llama_model_params", SnakeCase(nameof(LlamaModelParams)));
        Assert.Equal("n_gpu_layers", SnakeCase(nameof(LlamaModelParams.NGpuLayers)));
        Assert.Equal("n_ubatch", SnakeCase(nameof(LlamaContextParams.NUbatch)));
        Assert.Equal("type_k", SnakeCase(nameof(LlamaContextParams.TypeK)));
        Assert.Equal("n_outputs_max_per_seq", SnakeCase(nameof(LlamaContextParams.NOutputsMaxPerSeq)));
    }

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = char.IsUpper(c) && i > 0 &&
                (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1])));
            if (startsWord) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static string CompileAndRun(string source)
    {
        var headers = typeof(NativeLayoutTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LlamaHeaders").Value!;
        Assert.True(File.Exists(Path.Combine(headers, "include", "llama.h")), $"llama.h is missing from {headers}; the build fetches it with npm.");
        var folder = Directory.CreateTempSubdirectory("kiln-layout-").FullName;
        try
        {
            var sourcePath = Path.Combine(folder, "layout.cpp");
            var binary = Path.Combine(folder, "layout");
            File.WriteAllText(sourcePath, source);
            Run("g++", $"-std=c++17 -I \"{Path.Combine(headers, "include")}\" -I \"{Path.Combine(headers, "ggml", "include")}\" -o \"{binary}\" \"{sourcePath}\"");
            return Run(binary, "");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {errors}");
        return output.Result;
    }
}
