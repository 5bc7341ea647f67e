using JasperFx;
using JasperFx.CodeGeneration;
using Ledger.Api.Demo;
using Ledger.Api.Feed;
using Ledger.Api.Http;
using Ledger.Api.Ledger;
using Ledger.Api.Operations;
using Ledger.Domain.Json;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Ledger")
                       ?? throw new InvalidOperationException("Set ConnectionStrings__Ledger to the ledger's PostgreSQL database.");
var schema = LedgerSchema.Default;

builder.Services.AddSingleton(schema);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
builder.Services.AddSingleton<LedgerLog>();
builder.Services.AddSingleton<LedgerWriter>();
builder.Services.ConfigureHttpJsonOptions(json => LedgerJson.Configure(json.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgresql", tags: ["ready"]);
builder.Services.AddLedgerTelemetry(builder.Configuration);
builder.Services.AddWolverineHttp();
builder.Services.AddLedgerFeed(builder.Configuration);
if (builder.Configuration.GetValue<bool>("Ledger:Demo"))
    builder.Services.AddHostedService<ReferenceScenarioLoader>();

builder.Services.AddMarten(options =>
    {
        options.Connection(connectionString);
        LedgerStore.Configure(options, schema);
    })
    .IntegrateWithWolverine()
    .ApplyAllDatabaseChangesOnStartup();

builder.Host.UseWolverine(options =>
{
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
    options.UseRuntimeCompilation();
});

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseMiddleware<StrictJsonBodies>();
app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapWolverineEndpoints();

return await app.RunJasperFxCommands(args);

public partial class Program;
