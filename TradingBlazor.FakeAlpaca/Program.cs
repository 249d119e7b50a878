using TradingBlazor.Fakes;

// Runs the fake Alpaca on 127.0.0.1 so the app can be tried against "Alpaca" without keys or network:
//   dotnet run --project TradingBlazor.FakeAlpaca -- [--port 8123]
// then start the app with the keys and URLs this prints.
int port = 8123;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is > 0 and < 65536) port = p;
    else if (args[i] is "--help" or "-h") { Console.WriteLine("usage: TradingBlazor.FakeAlpaca [--port N]"); return 0; }
    else if (args[i] == "--port") { Console.Error.WriteLine("--port needs a number between 1 and 65535"); return 2; }
}

await using var fake = await FakeAlpaca.StartAsync(port, liveMarket: true);
Console.WriteLine($"Fake Alpaca listening on {fake.BaseUrl} (REST, /stream, /v2/iex). Start the app with:");
Console.WriteLine($"  Alpaca__KeyId={FakeAlpaca.KeyId} Alpaca__SecretKey={FakeAlpaca.Secret} Alpaca__TradingUrl={fake.BaseUrl} Alpaca__DataUrl={fake.BaseUrl} dotnet run --project TradingBlazor");
Console.WriteLine("then choose Alpaca paper on the Settings page. Ctrl+C stops.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
return 0;

/// <summary>The standalone fake's entry point; internal so that it does not clash with the app's public Program.</summary>
internal partial class Program;
