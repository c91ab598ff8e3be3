using Kiln.AppHost.Hosting;

namespace Kiln.AppHost;

/// <summary>What Kiln runs locally: three servers and four services, wired by Aspire's configuration contract.</summary>
public static class KilnSystem
{
    public const string Api = "api";
    public const string Inference = "inference";
    public const string Monitoring = "monitoring";
    public const string Alerts = "alerts";

    public static KilnAppBuilder AddKilnSystem(this KilnAppBuilder builder)
    {
        var redis = builder.AddRedis("redis", port: 6380);
        var postgres = builder.AddPostgres("postgres", port: 5433);
        var rabbitmq = builder.AddRabbitMq("rabbitmq", port: 5673);

        var adminToken = builder.AddSecret("admin-token", "Admin:Token");
        var dashboardPassword = builder.AddSecret("dashboard-password", "Monitoring:DashboardPassword");

        builder.AddService(Api, "Services.Api", port: 5100)
            .WithReference(redis)
            .WithReference(postgres)
            .WithReference(rabbitmq)
            .WithSecret(adminToken)
            .WithConfigurationSection("Api", "RateLimiting", "History");

        builder.UseDemoModelWhenNoneIsConfigured();
        builder.AddService(Inference, "Services.Inference", port: 5200)
            .WithReference(rabbitmq)
            .WithSecret(adminToken)
            .WithConfigurationSection("Inference");

        // Monitoring polls Redis, PostgreSQL and RabbitMQ directly, besides every service's /health/ready.
        builder.AddService(Monitoring, "Services.Monitoring", port: 5300)
            .WithReference(redis)
            .WithReference(postgres)
            .WithReference(rabbitmq)
            .WithSecret(adminToken)
            .WithSecret(dashboardPassword)
            .WithConfigurationSection("Monitoring");

        builder.AddService(Alerts, "Services.Alerts", port: 5400)
            .WithReference(postgres)
            .WithReference(rabbitmq)
            .WithSecret(adminToken)
            .WithConfigurationSection("Alerts");

        return builder;
    }
}
