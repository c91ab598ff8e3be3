using System.Runtime.InteropServices;

namespace Kiln.Inference.Llama;

/// <summary>The ggml backend registry functions: load the CPU (and GPU) backends and list their devices.</summary>
internal static unsafe partial class GgmlNative
{
    public const string Library = "ggml";
    public const string BaseLibrary = "ggml-base";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void ggml_backend_load_all_from_path(string directory);
    [LibraryImport(Library)] public static partial nuint ggml_backend_dev_count();
    [LibraryImport(Library)] public static partial nint ggml_backend_dev_get(nuint index);
    [LibraryImport(Library)] public static partial nint ggml_backend_dev_by_type(GgmlBackendDeviceType type);
    [LibraryImport(BaseLibrary)] public static partial GgmlBackendDeviceType ggml_backend_dev_type(nint device);
    [LibraryImport(BaseLibrary)] public static partial nint ggml_backend_dev_backend_reg(nint device);
    [LibraryImport(BaseLibrary, StringMarshalling = StringMarshalling.Utf8)] public static partial nint ggml_backend_reg_get_proc_address(nint registry, string name);
    [LibraryImport(BaseLibrary)] public static partial GgmlThreadpoolParams ggml_threadpool_params_default(int threads);
    [LibraryImport(BaseLibrary)] public static partial byte* ggml_backend_dev_name(nint device);
    [LibraryImport(BaseLibrary)] public static partial byte* ggml_backend_dev_description(nint device);
    [LibraryImport(BaseLibrary)] public static partial void ggml_backend_dev_memory(nint device, nuint* free, nuint* total);
}
