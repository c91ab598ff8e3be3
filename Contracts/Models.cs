namespace Kiln.Contracts;

/// <summary>Request to the <c>inference-models</c> queue: which model does an inference instance serve?</summary>
public sealed record DescribeModel(Guid Id);

/// <summary>
/// Answer to <see cref="DescribeModel"/>. <see cref="ContextLength"/> is the tokens one request may use (prompt plus
/// completion) on that instance; <see cref="TrainedContextLength"/> is the model's own.
/// </summary>
public sealed record ModelDescribed(
    string Name,
    string Architecture,
    int ContextLength,
    int TrainedContextLength,
    ulong ParameterCount,
    string FileType,
    ulong SizeBytes,
    string Instance,
    DateTimeOffset LoadedAt);
