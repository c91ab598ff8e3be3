using Kiln.Contracts;
using Kiln.Inference.Llama;

namespace Kiln.Inference.Generation;

/// <summary>
/// Builds a request's llama.cpp sampler chain in the order llama.cpp's own tools use:
/// banned tokens (a logit bias of −∞), penalties, then greedy (temperature 0) or top_k, top_p, min_p, temperature and a seeded draw.
/// </summary>
internal static class SamplerChain
{
    public const float DefaultTemperature = 0.8f;
    public const int DefaultTopK = 40;
    public const float DefaultTopP = 0.95f;
    public const float DefaultMinP = 0.05f;
    private const int PenaltyWindow = 64;
    private const uint RandomSeed = 0xFFFFFFFF;

    /// <summary>Throws <see cref="GenerationException"/> (invalid) for values llama.cpp cannot use.</summary>
    public static void Validate(SamplingParameters sampling)
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new GenerationException(GenerationFailureKind.Invalid, message);
        }

        Check(sampling.MaxTokens is null or > 0, "max_tokens must be at least 1.");
        Check(sampling.Temperature is null or (>= 0 and <= 100), "temperature must be between 0 and 100.");
        Check(sampling.TopP is null or (> 0 and <= 1), "top_p must be in (0, 1].");
        Check(sampling.TopK is null or >= 0, "top_k must be 0 (off) or more.");
        Check(sampling.MinP is null or (>= 0 and <= 1), "min_p must be in [0, 1].");
        Check(sampling.RepetitionPenalty is null or (> 0 and <= 100), "repetition_penalty must be in (0, 100].");
        Check(sampling.FrequencyPenalty is null or (>= -2 and <= 2), "frequency_penalty must be in [-2, 2].");
        Check(sampling.PresencePenalty is null or (>= -2 and <= 2), "presence_penalty must be in [-2, 2].");
        Check(sampling.Stop is null || sampling.Stop.Count <= 16, "At most 16 stop sequences.");
    }

    public static SafeLlamaSamplerHandle Create(SamplingParameters sampling, int vocabSize, IReadOnlyList<int> bannedTokens)
    {
        var chain = SafeLlamaSamplerHandle.CreateChain();
        try
        {
            if (bannedTokens.Count > 0) chain.Add(LogitBias(vocabSize, bannedTokens));

            var repeat = sampling.RepetitionPenalty ?? 1f;
            var frequency = sampling.FrequencyPenalty ?? 0f;
            var presence = sampling.PresencePenalty ?? 0f;
            if (repeat != 1f || frequency != 0f || presence != 0f)
                chain.Add(LlamaNative.llama_sampler_init_penalties(vocabSize, PenaltyWindow, repeat, frequency, presence));

            var temperature = sampling.Temperature ?? DefaultTemperature;
            if (temperature <= 0f)
            {
                chain.Add(LlamaNative.llama_sampler_init_greedy());
                return chain;
            }

            var topK = sampling.TopK ?? DefaultTopK;
            if (topK > 0) chain.Add(LlamaNative.llama_sampler_init_top_k(topK));
            var topP = sampling.TopP ?? DefaultTopP;
            if (topP < 1f) chain.Add(LlamaNative.llama_sampler_init_top_p(topP, 1));
            var minP = sampling.MinP ?? DefaultMinP;
            if (minP > 0f) chain.Add(LlamaNative.llama_sampler_init_min_p(minP, 1));
            chain.Add(LlamaNative.llama_sampler_init_temp(temperature));
            chain.Add(LlamaNative.llama_sampler_init_dist(sampling.Seed ?? RandomSeed));
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static unsafe nint LogitBias(int vocabSize, IReadOnlyList<int> bannedTokens)
    {
        var biases = bannedTokens.Select(token => new LlamaLogitBias { Token = token, Bias = float.NegativeInfinity }).ToArray();
        // llama.cpp copies the biases into the sampler, so the array need not outlive this call.
        fixed (LlamaLogitBias* b = biases) return LlamaNative.llama_sampler_init_logit_bias(vocabSize, biases.Length, b);
    }
}
