# syntax=docker/dockerfile:1
# HelpCenter container image. Build from the repository root:  docker build -t helpcenter .
# Run (the public address is required: every link in mail is built from it, and the site answers only to its host):
#   docker run -p 8080:8080 -e HelpCenter__Mail__PublicBaseUrl=https://help.example.com -v helpcenter-data:/app/App_Data helpcenter

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig HelpCenter.sln ./
COPY src/ src/
# The publish step copies the top-level wwwroot/ and content/ next to the app (see HelpCenter.csproj).
COPY wwwroot/ wwwroot/
COPY content/ content/
RUN dotnet publish src/HelpCenter/HelpCenter.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# MeCab + IPADIC for Japanese search (the app falls back to ICU without them); curl for the health check.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libmecab2 mecab-ipadic-utf8 curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The data folder (SQLite database, search index, mail, uploads) is the only writable place; with PostgreSQL
# (several instances, see compose.yaml and docs/operations.md) it keeps uploads, mail files and the search index.
RUN mkdir -p /app/App_Data && chown "$APP_UID" /app/App_Data
# HelpCenter__Mail__PublicBaseUrl has no default on purpose: without it the site stops at start, naming the setting.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    HelpCenter__DataPath=/app/App_Data
VOLUME ["/app/App_Data"]
USER $APP_UID
EXPOSE 8080
# localhost stays among the allowed hosts, so the check passes whatever the public name is.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "HelpCenter.dll"]
