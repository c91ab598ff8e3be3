using System.ComponentModel.DataAnnotations;
using Kiln.Contracts;
using Kiln.Monitoring.Alerting;
using Kiln.Monitoring.Alerting.Rules;
using Kiln.Monitoring.ErrorTracking;
using Kiln.Monitoring.HealthChecks;
using Kiln.Monitoring.InferenceStats;
using Kiln.Monitoring.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.Monitoring.Tests;

/// <summary>Rules over in-memory statistics on a fake clock: no servers.</summary>
public sealed class RuleMathTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly IOptions<RuleOptions> options = Options.Create(new RuleOptions());

    [Fact]
    public void Sixth_critical_error_within_a_minute_fires_and_the_window_slides_it_out()
    {
        var errors = new ErrorStatistics(time);
        var rule = new CriticalErrorsRule(errors, options);
        for (var i = 0; i < 5; i++) errors.Record(Critical("svc"));
        Assert.Empty(rule.Evaluate(time.GetUtcNow()).Firing);

        time.Advance(TimeSpan.FromSeconds(30));
        errors.Record(Critical("svc"));
        var firing = Assert.Single(rule.Evaluate(time.GetUtcNow()).Firing);
        Assert.Equal("svc", firing.Service);

        time.Advance(TimeSpan.FromSeconds(31));
        var verdict = rule.Evaluate(time.GetUtcNow());
        Assert.Empty(verdict.Firing);
        Assert.True(verdict.CanResolve);
    }

    [Fact]
    public void Critical_errors_count_per_service()
    {
        var errors = new ErrorStatistics(time);
        for (var i = 0; i < 4; i++) errors.Record(Critical("a"));
        for (var i = 0; i < 4; i++) errors.Record(Critical("b"));
        Assert.Empty(new CriticalErrorsRule(errors, options).Evaluate(time.GetUtcNow()).Firing);
    }

    [Fact]
    public void A_window_rule_does_not_resolve_before_it_has_watched_a_whole_window()
    {
        var errors = new ErrorStatistics(time);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(new CriticalErrorsRule(errors, options).Evaluate(time.GetUtcNow()).CanResolve);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(new CriticalErrorsRule(errors, options).Evaluate(time.GetUtcNow()).CanResolve);
    }

    [Fact]
    public void One_failure_in_two_requests_is_not_an_error_rate()
    {
        var errors = new ErrorStatistics(time);
        errors.Record(Request(200));
        errors.Record(Request(500));
        Assert.Empty(new ApiErrorRateRule(errors, options).Evaluate(time.GetUtcNow()).Firing);
    }

    [Theory]
    [InlineData(18, 2, false)] // exactly 10 %: not above
    [InlineData(17, 3, true)]
    public void Error_rate_fires_only_above_ten_percent(int ok, int failed, bool fires)
    {
        var errors = new ErrorStatistics(time);
        for (var i = 0; i < ok; i++) errors.Record(Request(200));
        for (var i = 0; i < failed; i++) errors.Record(Request(503));
        Assert.Equal(fires, new ApiErrorRateRule(errors, options).Evaluate(time.GetUtcNow()).Firing.Count == 1);
    }

    [Fact]
    public void Four_database_errors_a_minute_fire_three_do_not()
    {
        var errors = new ErrorStatistics(time);
        var rule = new DatabaseErrorsRule(errors, options);
        for (var i = 0; i < 3; i++) errors.Record(Database("api"));
        errors.Record(new ErrorOccurred("api", ErrorCategory.Resource, Severity.Error, "redis timeout", null, time.GetUtcNow(), "redis"));
        Assert.Empty(rule.Evaluate(time.GetUtcNow()).Firing);
        errors.Record(Database("api"));
        Assert.Equal("database-errors", Assert.Single(rule.Evaluate(time.GetUtcNow()).Firing).Rule);
    }

    [Theory]
    [InlineData("postgres", ErrorCategory.Transient, "anything", true)]
    [InlineData("Postgres", ErrorCategory.Data, "anything", true)]
    [InlineData("redis", ErrorCategory.Resource, "database 0 unreachable", false)]
    [InlineData(null, ErrorCategory.Resource, "Database connection refused", true)]
    [InlineData(null, ErrorCategory.Resource, "PostgreSQL timeout", true)]
    [InlineData(null, ErrorCategory.Transient, "database connection refused", false)]
    [InlineData(null, ErrorCategory.Resource, "disk full", false)]
    public void Database_errors_are_component_postgres_or_resource_errors_naming_the_database(string? component, ErrorCategory category, string message, bool counts) =>
        Assert.Equal(counts, DatabaseErrors.Matches(new ErrorOccurred("svc", category, Severity.Error, message, null, time.GetUtcNow(), component)));

    [Fact]
    public void Latency_p95_fires_above_threshold_with_enough_samples()
    {
        var inference = new InferenceStatistics(time);
        var rule = new InferenceLatencyRule(inference, Options.Create(new RuleOptions { InferenceLatency = new() { ThresholdMs = 1_000, MinimumSamples = 5 } }));
        for (var i = 0; i < 4; i++) inference.Record(AlertRuleTests.Generation(100, 5_000, 0));
        Assert.Empty(rule.Evaluate(time.GetUtcNow()).Firing);
        inference.Record(AlertRuleTests.Generation(100, 5_000, 0));
        Assert.Single(rule.Evaluate(time.GetUtcNow()).Firing);
    }

    [Fact]
    public void Queue_wait_p95_fires_on_waiting_not_on_slow_generation()
    {
        var inference = new InferenceStatistics(time);
        var rule = new QueueWaitRule(inference, Options.Create(new RuleOptions { QueueWait = new() { ThresholdMs = 1_000, MinimumSamples = 5 } }));
        for (var i = 0; i < 20; i++) inference.Record(AlertRuleTests.Generation(100, 9_000, 10));
        Assert.Empty(rule.Evaluate(time.GetUtcNow()).Firing);
        for (var i = 0; i < 20; i++) inference.Record(AlertRuleTests.Generation(100, 100, 2_000));
        Assert.Equal("inference-queue-wait", Assert.Single(rule.Evaluate(time.GetUtcNow()).Firing).Rule);
    }

    [Fact]
    public async Task Service_down_fires_for_a_down_target_and_leaves_unobserved_ones_undecided()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:web:http:0"] = "http://127.0.0.1:1",
            ["services:worker:http:0"] = "http://127.0.0.1:2",
        }).Build();
        var polling = Options.Create(new HealthPollingOptions { FailuresBeforeDown = 2 });
        await using var targets = new HealthTargets(configuration, polling, NullLogger<HealthTargets>.Instance);
        var board = new HealthStatusBoard(targets, polling, null!, time);
        var web = targets.All.Single(t => t.Name == "web");
        board.Record(web, ProbeResult.Failed(1, "refused"), time.GetUtcNow());
        board.Record(web, ProbeResult.Failed(1, "refused"), time.GetUtcNow());

        var verdict = new ServiceDownRule(board, options).Evaluate(time.GetUtcNow());

        Assert.Equal("web", Assert.Single(verdict.Firing).Service);
        Assert.Contains(AlertCandidate.For("service-down", "worker", Severity.Critical, "").Fingerprint, verdict.Undecided!);
        Assert.DoesNotContain(AlertCandidate.For("service-down", "web", Severity.Critical, "").Fingerprint, verdict.Undecided!);
    }

    [Fact]
    public void Percentile_is_nearest_rank()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToList();
        Assert.Equal(19, Percentile.Of(values, 95));
        Assert.Equal(10, Percentile.Of(values, 50));
        Assert.Equal(20, Percentile.Of(values, 100));
        Assert.Equal(7, Percentile.Of([7.0], 95));
        Assert.Null(Percentile.Of([], 95));
    }

    [Fact]
    public void Fingerprint_is_stable_and_tells_services_and_rules_apart()
    {
        var a = AlertCandidate.For("critical-errors", "api", Severity.Critical, "6 errors");
        var again = AlertCandidate.For("critical-errors", "api", Severity.Critical, "9 errors, another summary");
        Assert.Equal(a.Fingerprint, again.Fingerprint);
        Assert.Equal(32, a.Fingerprint.Length);
        Assert.NotEqual(a.Fingerprint, AlertCandidate.For("critical-errors", "inference", Severity.Critical, "x").Fingerprint);
        Assert.NotEqual(a.Fingerprint, AlertCandidate.For("database-errors", "api", Severity.Critical, "x").Fingerprint);
    }

    [Fact]
    public void Rule_options_reject_a_negative_threshold_in_a_nested_rule()
    {
        var invalid = new RuleOptions { CriticalErrors = new CountRuleOptions { Threshold = -1 } };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(invalid, new ValidationContext(invalid), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.StartsWith("CriticalErrors", StringComparison.Ordinal));
        var valid = new RuleOptions();
        Assert.True(Validator.TryValidateObject(valid, new ValidationContext(valid), [], validateAllProperties: true));
    }

    [Fact]
    public void Sliding_window_keeps_at_most_its_bound()
    {
        var window = new SlidingWindow<int>(TimeSpan.FromMinutes(1), maxCount: 3);
        for (var i = 0; i < 5; i++) window.Add(time.GetUtcNow(), i);
        Assert.Equal([2, 3, 4], window.Since(time.GetUtcNow().AddMinutes(-1), time.GetUtcNow()));
    }

    private ErrorOccurred Critical(string service) => new(service, ErrorCategory.Model, Severity.Critical, "boom", null, time.GetUtcNow());

    private ErrorOccurred Database(string service) => new(service, ErrorCategory.Resource, Severity.Error, "connection refused", null, time.GetUtcNow(), "postgres");

    private ApiRequestCompleted Request(int status) => new("r", null, "/v1/chat/completions", null, status, null, null, 1, 0, 0, time.GetUtcNow());
}
