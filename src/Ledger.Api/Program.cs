using JasperFx;
using JasperFx.CodeGeneration;
using Ledger.Api.Access.Intervals;
using Ledger.Api.Database;
using Ledger.Api.Demo;
using Ledger.Api.Feed;
using Ledger.Api.Http;
using Ledger.Api.Integrity;
using Ledger.Api.Ledger;
using Ledger.Api.Operations;
using Ledger.Api.Reports;
using Ledger.Api.Security;
using Ledger.Api.WebConsole;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLedger(builder.Configuration);
builder.Services.AddAccessIntervals();
builder.Services.AddLedgerIntegrity(builder.Configuration);
builder.Services.AddReports();
builder.Services.AddOperations(builder.Configuration);
builder.Services.AddLedgerSecurity(builder.Configuration);
builder.Services.AddWolverineHttp();
builder.Services.AddLedgerFeed(builder.Configuration);
builder.Services.AddLedgerConsole(builder.Configuration);
if (builder.Configuration.GetValue<bool>("Ledger:Demo"))
    builder.Services.AddHostedService<ReferenceScenarioLoader>();

builder.Host.UseWolverine(options =>
{
    // Handlers are pre-generated into Internal/Generated (`Ledger.Api.dll codegen write` after changing an endpoint);
    // a type that is missing is still compiled at run time, so a forgotten regeneration is slow, never broken.
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
    options.UseRuntimeCompilation();
    // Wolverine's tables are made by db-apply as the owner, like every other schema object.
    options.AutoBuildMessageStorageOnStartup = AutoCreate.None;
});
// After Wolverine: db-apply applies the ledger's own objects and grants after Marten's and Wolverine's tables.
builder.Services.AddLedgerDatabase(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseLedgerSecurity();
app.UseMiddleware<StrictJsonBodies>();
app.MapOperations();
app.MapConsole();
app.MapWolverineEndpoints(options =>
{
    options.RequireRoleMatrix();
    options.ResolveReadCoordinates();
});

return await app.RunJasperFxCommands(args);

public partial class Program;
