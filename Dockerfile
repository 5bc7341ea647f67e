# syntax=docker/dockerfile:1
# Ledger API image. Build: docker build -t ledger .   Run with PostgreSQL: docker compose up --build
# The service needs ConnectionStrings__Ledger (Npgsql format, the service's role) and creates no schema object: run
# the image with the command `db-apply` and ConnectionStrings__LedgerOwner (the owner role) first, as compose does.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across code edits: every project the
# service references must be copied here (Ledger.Api.Tests/Operations/when_the_image_is_built checks it).
COPY .editorconfig global.json Directory.Build.props Directory.Packages.props ./
COPY src/Ledger.Domain/Ledger.Domain.csproj src/Ledger.Domain/
COPY src/Ledger.Integrity/Ledger.Integrity.csproj src/Ledger.Integrity/
COPY src/Ledger.Api/Ledger.Api.csproj src/Ledger.Api/
RUN dotnet restore src/Ledger.Api/Ledger.Api.csproj
COPY src/ src/
RUN dotnet publish src/Ledger.Api/Ledger.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The fonts of PDF reports (Reports/DejaVuFonts.cs reads them from Debian's package).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1 \
    Ledger__Auth__SigningKeyFile=/keys/ledger-signing-key.pem \
    Ledger__Webhooks__SecretKeyFile=/keys/ledger-webhook-secrets.key
# The local token key is made on first start in /keys (a volume in docker-compose.yml), writable by the app user
# only. With an identity provider (Ledger__Auth__Authority) it is never used. The key that seals webhook secrets lives
# there too: outside the database, and kept across container rebuilds, or stored secrets could not be opened.
RUN mkdir -p /keys && chown "$APP_UID" /keys && chmod 700 /keys
EXPOSE 8080
# Non-root: the aspnet images ship an unprivileged `app` user (APP_UID=1654); 8080 needs no privilege.
USER $APP_UID
ENTRYPOINT ["dotnet", "Ledger.Api.dll"]
