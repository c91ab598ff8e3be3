namespace Kiln.Inference.Llama;

/// <summary>Which build of llama.cpp to load: <see cref="Auto"/> takes CUDA when a usable GPU is there.</summary>
public enum BackendPreference { Auto, Cpu, Cuda }
