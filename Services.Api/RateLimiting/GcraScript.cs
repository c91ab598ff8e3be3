namespace Kiln.Api.RateLimiting;

/// <summary>
/// The GCRA check over several limits as one Lua script: one round trip, atomic across every API instance
/// sharing the Redis. Each limit is one hash (t: theoretical arrival time in ms, e: emission ms, b: burst ms).
/// </summary>
public static class GcraScript
{
    // KEYS[1] block key, KEYS[2] refusal-count key, KEYS[3..] one per limit.
    // ARGV[1] now ms, ARGV[2] mode (0 peek, 1 consume, 2 force), ARGV[3] refusals that block (0: off),
    // ARGV[4] refusal window ms, ARGV[5] block ms, then per limit: emission ms, tolerance ms, cost.
    // Returns {allowed, retry-after ms, denying limit index (-1 none, -2 blocked), then per limit remaining, reset ms}.
    public const string Source = """
        local now = tonumber(ARGV[1])
        local mode = tonumber(ARGV[2])
        local n = #KEYS - 2
        local out = {1, 0, -1}
        if mode ~= 2 then
          local blocked = redis.call('PTTL', KEYS[1])
          if blocked > 0 then
            out = {0, blocked, -2}
            for i = 1, n do out[#out + 1] = 0; out[#out + 1] = blocked end
            return out
          end
        end
        local st = {}
        local allowed = true
        local retry = 0
        for i = 1, n do
          local a = 5 + (i - 1) * 3
          local emission = tonumber(ARGV[a + 1])
          local tolerance = tonumber(ARGV[a + 2])
          local cost = tonumber(ARGV[a + 3])
          local tat = tonumber(redis.call('HGET', KEYS[i + 2], 't')) or now
          if tat < now then tat = now end
          local new_tat = tat + emission * cost
          if new_tat < now then new_tat = now end
          local wait = new_tat - tolerance - now
          if mode ~= 2 and wait > 0.001 then
            allowed = false
            if wait > retry then retry = wait; out[3] = i - 1 end
          end
          st[i] = {tat, new_tat, emission, tolerance}
        end
        for i = 1, n do
          local s = st[i]
          local tat = s[1]
          if allowed and mode ~= 0 then
            tat = s[2]
            redis.call('HSET', KEYS[i + 2], 't', string.format('%.3f', tat), 'e', ARGV[5 + (i - 1) * 3 + 1], 'b', ARGV[5 + (i - 1) * 3 + 2])
            redis.call('PEXPIRE', KEYS[i + 2], math.ceil(tat - now) + 1000)
          end
          local remaining = math.floor((s[4] - (tat - now)) / s[3] + 0.000001)
          if remaining < 0 then remaining = 0 end
          out[#out + 1] = remaining
          out[#out + 1] = math.ceil(tat - now)
        end
        if not allowed then
          out[1] = 0
          out[2] = math.ceil(retry)
          local threshold = tonumber(ARGV[3])
          if threshold > 0 then
            local refusals = redis.call('INCR', KEYS[2])
            if refusals == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            if refusals >= threshold then
              redis.call('SET', KEYS[1], '1', 'PX', ARGV[5])
              redis.call('DEL', KEYS[2])
              if tonumber(ARGV[5]) > out[2] then out[2] = tonumber(ARGV[5]) end
            end
          end
        end
        return out
        """;
}
