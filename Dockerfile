# syntax=docker/dockerfile:1
# Build: SDK 10.0 plus Node for the npm asset step; the same framework-dependent ReadyToRun publish CI smoke-tests.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY TradingBlazor/TradingBlazor.csproj TradingBlazor/package.json TradingBlazor/package-lock.json TradingBlazor/
RUN dotnet restore TradingBlazor/TradingBlazor.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY samples/ samples/
COPY TradingBlazor/ TradingBlazor/
RUN dotnet publish TradingBlazor/TradingBlazor.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore
# The LSTM trainer (TorchSharp + libtorch, 480 MB) is left out by default: the image serves LSTM models from ONNX, and
# `ml train --model lstm` in it says that training is unavailable (ensembles train forest + momentum and note it).
# --build-arg WITH_LSTM_TRAINER=true publishes it beside the app, where the app finds it (lstm-trainer/).
ARG WITH_LSTM_TRAINER=false
COPY TradingBlazor.LstmTrainer/ TradingBlazor.LstmTrainer/
RUN if [ "$WITH_LSTM_TRAINER" = "true" ]; then \
      dotnet publish TradingBlazor.LstmTrainer/TradingBlazor.LstmTrainer.csproj -c Release -o /app/lstm-trainer; \
    fi

# Run: the ASP.NET Core runtime image, non-root, data on a volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim AS final
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tzdata fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home --shell /usr/sbin/nologin tradingblazor \
 && mkdir -p /data && chown tradingblazor /data
WORKDIR /app
COPY --from=build --chown=tradingblazor /app .
USER tradingblazor
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataDirectory=/data \
    DOTNET_RUNNING_IN_CONTAINER=true
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "TradingBlazor.dll"]
