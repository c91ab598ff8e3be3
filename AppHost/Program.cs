using Kiln.AppHost;
using Kiln.AppHost.Hosting;

var builder = KilnApp.CreateBuilder(args);

builder.AddKilnSystem();

await using var app = builder.Build();

return await app.RunAsync();
