using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The service's log levels, as its appsettings files set them, judged by the logging pipeline's own filter rules:
/// in Production a request is not logged unless something is wrong, and the warm-up's deliberately refused token (and
/// any other bad token) leaves no stack trace; the ledger's own information stays.
/// </summary>
public sealed class when_the_service_logs
{
    private static ILoggerFactory Logging(string environment)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Repository.PathOf("src", "Ledger.Api"))
            .AddJsonFile("appsettings.json")
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole())
            .BuildServiceProvider()
            .GetRequiredService<ILoggerFactory>();
    }

    [Fact]
    public void in_production_requests_are_logged_only_when_something_is_wrong()
    {
        var logging = Logging("Production");

        logging.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information).ShouldBeFalse();
        logging.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning).ShouldBeTrue();
        logging.CreateLogger("Wolverine.Runtime.WolverineRuntime").IsEnabled(LogLevel.Information).ShouldBeFalse();
        logging.CreateLogger("Ledger.Api.Ledger.LedgerWarmUp").IsEnabled(LogLevel.Information).ShouldBeTrue();
    }

    [Fact]
    public void a_refused_token_is_not_logged_with_its_exception_anywhere()
    {
        foreach (var environment in new[] { "Development", "Production" })
            Logging(environment).CreateLogger("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler")
                .IsEnabled(LogLevel.Information).ShouldBeFalse(environment);
    }

    [Fact]
    public void in_development_every_request_is_logged()
    {
        Logging("Development").CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information).ShouldBeTrue();
    }
}
