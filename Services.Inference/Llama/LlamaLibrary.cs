using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Kiln.Inference.Llama;

/// <summary>
/// Finds and loads llama.cpp once per process: the CPU build from <c>llama/cpu/</c>, or the CUDA build from
/// <c>llama/cuda/</c> when asked for or when <see cref="BackendPreference.Auto"/> finds a GPU and the CUDA 13 runtime.
/// </summary>
public static unsafe class LlamaLibrary
{
    private static readonly Lock Gate = new();
    private static LoadedBackend? _loaded;
    private static string? _directory;

    /// <summary>The folder holding <c>cpu/</c> and <c>cuda/</c>: <c>llama/</c> next to this assembly.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "llama");

    /// <summary>Loads llama.cpp and its backends; later calls return the first result, whatever they ask.</summary>
    public static LoadedBackend Load(BackendPreference preference, ILogger logger, string? root = null)
    {
        lock (Gate)
        {
            if (_loaded is not null)
            {
                if (preference != BackendPreference.Auto && !_loaded.Name.Equals(preference.ToString(), StringComparison.OrdinalIgnoreCase))
                    logger.LogWarning("llama.cpp is already loaded with the {Backend} backend in this process; {Preference} is ignored", _loaded.Name, preference);
                return _loaded;
            }

            root ??= DefaultRoot;
            var (name, directory) = Choose(preference, root, logger);
            _directory = directory;
            NativeLibrary.SetDllImportResolver(typeof(LlamaLibrary).Assembly, Resolve);

            LlamaLog.Attach(logger);
            GgmlNative.ggml_backend_load_all_from_path(directory);
            LlamaNative.llama_backend_init();

            var devices = ListDevices();
            if (name == "cuda" && !devices.Any(d => d.Type == GgmlBackendDeviceType.Gpu))
                logger.LogWarning("The CUDA build of llama.cpp is loaded but sees no GPU; layers run on the CPU");
            var systemInfo = Marshal.PtrToStringUTF8((nint)LlamaNative.llama_print_system_info()) ?? "";
            logger.LogInformation("llama.cpp {Backend} backend loaded from {Directory}; devices: {Devices}",
                name, directory, string.Join(", ", devices.Select(d => $"{d.Name} ({d.Type})")));
            return _loaded = new LoadedBackend(name, directory, devices, systemInfo);
        }
    }

    internal static (string Name, string Directory) Choose(BackendPreference preference, string root, ILogger logger)
    {
        var cpu = Path.Combine(root, "cpu");
        var cuda = Path.Combine(root, "cuda");
        if (preference == BackendPreference.Cuda)
        {
            var problem = CudaProblem(cuda);
            if (problem is not null) throw new LlamaLoadException($"Inference:Backend is cuda, but {problem}.");
            return ("cuda", cuda);
        }
        if (preference == BackendPreference.Auto)
        {
            var problem = CudaProblem(cuda);
            if (problem is null) return ("cuda", cuda);
            logger.LogInformation("Using the CPU build of llama.cpp: {Reason}", problem);
        }
        if (FindLibrary(cpu, "libllama") is null)
            throw new LlamaLoadException($"The llama.cpp libraries are missing from {cpu}; building Services.Inference restores them with npm.");
        return ("cpu", cpu);
    }

    /// <summary>Why the CUDA build cannot run here, or null when it can.</summary>
    private static string? CudaProblem(string directory)
    {
        if (FindLibrary(directory, "libllama") is null)
            return $"the CUDA build of llama.cpp is not in {directory} (build with -p:KilnLlamaCuda=true, or on a machine with an NVIDIA driver)";
        foreach (var library in (string[])["libcuda.so.1", "libcudart.so.13", "libcublas.so.13"])
        {
            if (!NativeLibrary.TryLoad(library, out var loaded))
                return $"{library} cannot be loaded (the NVIDIA driver and the CUDA 13 runtime are needed)";
            NativeLibrary.Free(loaded);
        }
        return null;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var file = name switch
        {
            LlamaNative.Library => FindLibrary(_directory, "libllama"),
            GgmlNative.Library => FindLibrary(_directory, "libggml"),
            GgmlNative.BaseLibrary => Path.Combine(_directory ?? "", "libggml-base.so"),
            _ => null,
        };
        return file is not null && NativeLibrary.TryLoad(file, out var handle) ? handle : nint.Zero;
    }

    // The CPU package names them libllama.v0.5.0.so, the CUDA one libllama.cuda.v0.5.0.so.
    private static string? FindLibrary(string? directory, string stem) =>
        directory is null || !Directory.Exists(directory)
            ? null
            : Directory.EnumerateFiles(directory, stem + ".*so").Order(StringComparer.Ordinal).FirstOrDefault();

    private static List<BackendDevice> ListDevices()
    {
        var devices = new List<BackendDevice>();
        var count = GgmlNative.ggml_backend_dev_count();
        for (nuint i = 0; i < count; i++)
        {
            var device = GgmlNative.ggml_backend_dev_get(i);
            nuint free = 0, total = 0;
            GgmlNative.ggml_backend_dev_memory(device, &free, &total);
            devices.Add(new BackendDevice(
                Marshal.PtrToStringUTF8((nint)GgmlNative.ggml_backend_dev_name(device)) ?? "?",
                Marshal.PtrToStringUTF8((nint)GgmlNative.ggml_backend_dev_description(device)) ?? "",
                GgmlNative.ggml_backend_dev_type(device),
                (long)free,
                (long)total));
        }
        return devices;
    }
}
