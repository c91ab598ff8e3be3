using Kiln.Inference.Gpu;
using Kiln.Inference.Llama;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.Inference.Tests;

public sealed class GpuTests
{
    [Fact]
    public void Without_nvml_gpu_figures_are_unavailable_not_an_error()
    {
        using var gpu = new NvmlGpuMonitor(libraryName: "libnvidia-ml-that-is-not-there.so.1");

        Assert.False(gpu.IsAvailable);
        Assert.Null(gpu.Sample());
        Assert.Contains("not installed", gpu.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_cuda_where_its_build_is_missing_says_what_is_missing()
    {
        var empty = Directory.CreateTempSubdirectory("kiln-no-cuda-").FullName;
        try
        {
            var error = Assert.Throws<LlamaLoadException>(() => LlamaLibrary.Choose(BackendPreference.Cuda, empty, NullLogger.Instance));
            Assert.Contains("Inference:Backend is cuda", error.Message, StringComparison.Ordinal);
            Assert.Contains("CUDA build of llama.cpp is not in", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Auto_takes_the_cpu_build_when_there_is_no_cuda_build()
    {
        var root = Directory.CreateTempSubdirectory("kiln-cpu-only-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "cpu"));
            File.WriteAllBytes(Path.Combine(root, "cpu", "libllama.v0.5.0.so"), []);

            var (name, directory) = LlamaLibrary.Choose(BackendPreference.Auto, root, NullLogger.Instance);

            Assert.Equal("cpu", name);
            Assert.Equal(Path.Combine(root, "cpu"), directory);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RequiresGpuFact]
    public void Nvml_reads_the_memory_and_utilisation_of_the_gpu()
    {
        using var gpu = new NvmlGpuMonitor();

        var reading = gpu.Sample();

        Assert.True(gpu.IsAvailable, gpu.UnavailableReason);
        Assert.NotNull(reading);
        Assert.InRange(reading.MemoryUsedBytes, 1, reading.MemoryTotalBytes);
        Assert.InRange(reading.UtilizationPercent, 0, 100);
        Assert.False(string.IsNullOrEmpty(reading.Name));
    }

    [RequiresGpuFact]
    public void Auto_takes_the_cuda_build_on_a_gpu_machine()
    {
        var (name, _) = LlamaLibrary.Choose(BackendPreference.Auto, LlamaLibrary.DefaultRoot, NullLogger.Instance);

        Assert.Equal("cuda", name);
    }
}
