namespace Kiln.Contracts;

/// <summary>Round-trip probe sent by the API to the inference queue.</summary>
public sealed record Ping(Guid Id, DateTimeOffset SentAt);

/// <summary>Answer to <see cref="Ping"/>, naming the instance that answered.</summary>
public sealed record Pong(Guid Id, string Service, string Instance, DateTimeOffset AnsweredAt);

/// <summary>Queue names that are part of the wire contract between services.</summary>
public static class QueueNames
{
    /// <summary>Work queue of <see cref="GenerateText"/>; all inference replicas compete on it.</summary>
    public const string Inference = "inference";

    /// <summary>Queue of <see cref="Ping"/> probes answered by inference.</summary>
    public const string InferencePing = "inference-ping";

    /// <summary>Queue of <see cref="DescribeModel"/> requests answered by inference.</summary>
    public const string InferenceModels = "inference-models";
}
