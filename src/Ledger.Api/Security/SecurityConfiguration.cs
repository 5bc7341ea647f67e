using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace Ledger.Api.Security;

/// <summary>
/// The service's own security: bearer authentication, the role matrix on every endpoint, per-client rate limits,
/// and the limits on what a request may be. Program.cs composes it with one call on each side.
/// </summary>
internal static class SecurityConfiguration
{
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>The JWT <c>typ</c> headers of an access token: the generic <c>JWT</c> most providers send, and RFC 9068's <c>at+jwt</c>.</summary>
    private static readonly string[] AcceptedTypes = ["JWT", "at+jwt"];

    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthSettings>().Bind(configuration.GetSection(AuthSettings.Section));
        services.AddSingleton<LocalTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthSettings>, LocalTokens>((bearer, settings, local) => Configure(bearer, settings.Value, local));

        services.AddAuthorization(options =>
        {
            options.AddPolicy(RoleMatrixAuthorization.PolicyName, RoleMatrixAuthorization.Policy);
            options.DefaultPolicy = RoleMatrixAuthorization.Policy;
            options.FallbackPolicy = RoleMatrixAuthorization.Policy;
        });
        services.AddSingleton<IAuthorizationHandler, RoleMatrixAuthorization.Handler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RoleMatrixAuthorization.ProblemResults>();

        services.AddLedgerRateLimits(configuration);
        services.AddHostedService<LocalKeyCheck>();
        services.AddLedgerForwardedHeaders(configuration);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", openApi =>
        {
            openApi.AddDocumentTransformer<SecurityDocumentation>();
            openApi.AddOperationTransformer<SecurityDocumentation>();
        });
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Above the 1 MiB that StrictJsonBodies answers with a 413 problem, so that answer is always the one given.
            kestrel.Limits.MaxRequestBodySize = 2 * Http.StrictJsonBodies.MaxBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.AddServerHeader = false;
        });
        return services;
    }

    /// <summary>Authentication, rate limits, the role matrix, then the checks on route ids; between routing and the endpoints.</summary>
    public static WebApplication UseLedgerSecurity(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (http.Request.Path.StartsWithSegments("/api"))
                http.Response.Headers.CacheControl = "no-store";
            return next(http);
        });
        app.UseLedgerForwardedHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RouteIds>();

        var local = app.Services.GetRequiredService<LocalTokens>();
        if (local.Available)
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
                "Bearer tokens are verified with the local key {KeyFile}; mint one with: dotnet Ledger.Api.dll token --role compliance --subject <you>",
                local.KeyFile));
        return app;
    }

    /// <summary>Every Wolverine endpoint carries the role-matrix policy, so its own <c>[Authorize]</c> can only narrow access.</summary>
    public static void RequireRoleMatrix(this WolverineHttpOptions options) =>
        options.ConfigureEndpoints(chain => chain.RequireAuthorization(RoleMatrixAuthorization.PolicyName));

    private static void Configure(JwtBearerOptions bearer, AuthSettings settings, LocalTokens local)
    {
        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AsymmetricAlgorithms,
            // RFC 8725 3.11: a token meant for another use (an ID token of another kind, a logout token) is not an access token here.
            ValidTypes = AcceptedTypes,
            // A kid names the key: one that names no trusted key is refused, not tried against every key we hold.
            TryAllIssuerSigningKeys = false,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            NameClaimType = settings.SubjectClaim,
            RoleClaimType = settings.RoleClaim,
        };

        if (!string.IsNullOrWhiteSpace(settings.Authority))
            bearer.Authority = settings.Authority;
        else if (!string.IsNullOrWhiteSpace(settings.JwksUrl))
        {
            bearer.TokenValidationParameters.ValidIssuer = settings.Issuer;
            bearer.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                settings.JwksUrl, new JwksRetriever(), new HttpDocumentRetriever { RequireHttps = settings.RequireHttpsMetadata });
        }
        else
        {
            bearer.TokenValidationParameters.ValidIssuer = settings.Issuer;
            bearer.TokenValidationParameters.IssuerSigningKeys =
                [LocalTokens.LoadOrCreate(local.KeyFile), .. settings.TrustedKeyFiles.Select(LocalTokens.LoadPublic)];
        }

        bearer.Events = new JwtBearerEvents
        {
            // The subject becomes the actor of every event the caller writes: it must exist and be printable.
            OnTokenValidated = context =>
            {
                var subject = context.Principal?.Identity?.Name;
                if (string.IsNullOrWhiteSpace(subject) || subject.Length > 256 || subject.Any(char.IsControl))
                    context.Fail($"the token's {settings.SubjectClaim} claim is missing, longer than 256 characters, or has control characters");
                else if (context.SecurityToken is JsonWebToken token && Refusal(token, settings) is { } refusal)
                    context.Fail(refusal);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// What Microsoft.IdentityModel does not check: a lifetime longer than <see cref="AuthSettings.MaxTokenLifetime"/>
    /// (a token without nbf or iat has no lifetime to bound), and a <c>crit</c> header, since this service implements
    /// no JWS extension and RFC 7515 4.1.11 says a token naming one it does not understand is invalid.
    /// </summary>
    private static string? Refusal(JsonWebToken token, AuthSettings settings)
    {
        if (token.TryGetHeaderValue<object>("crit", out _))
            return "the token names critical header extensions this service does not implement";
        var from = token.ValidFrom != DateTime.MinValue ? token.ValidFrom : token.IssuedAt;
        if (from == DateTime.MinValue)
            return "the token has neither nbf nor iat, so its lifetime cannot be bounded";
        return token.ValidTo - from > settings.MaxTokenLifetime
            ? $"the token is valid for {token.ValidTo - from}, longer than the {settings.MaxTokenLifetime} this service accepts"
            : null;
    }

    /// <summary>Keys from a bare JWKS document, for identity providers without OIDC discovery.</summary>
    private sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
            var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
                configuration.SigningKeys.Add(key);
            return configuration;
        }
    }
}
