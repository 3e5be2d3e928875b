using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>Formatting an access-log line (httplog, a log-format with captures, tcplog) allocates nothing per line.</summary>
public sealed class AccessLogAllocationTests
{
    private const int Lines = 10_000;

    [Theory]
    [InlineData("option httplog")]
    [InlineData("log-format \"%ci:%cp [%tr] %ft %b/%s %si:%sp %TR/%Tw/%Tc/%Tr/%Ta %ST %B %U %tsc %hr %hs %hrl %{+Q}r %HM %HP %HQ %HV %T %Ts\"")]
    public void Write_HttpRecord_AllocatesNothingPerLine(string format)
    {
        var writer = new CopyingWriter();
        var log = Build(format, "mode http", writer);
        var request = new CapturedHeaders([new HeaderCapture("Host", 32), new HeaderCapture("User-Agent", 16)]);
        request.Set(0, "www.example.com"u8);
        request.Set(1, "curl/7.88.1"u8);
        var response = new CapturedHeaders([new HeaderCapture("Content-Type", 24)]);
        response.Set(0, "text/html; charset=utf-8"u8);
        var client = new IPEndPoint(IPAddress.Loopback, 40000);
        var date = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

        void WriteOne() => log.Write(new HttpAccessRecord
        {
            Client = client,
            RequestDate = date,
            Frontend = "fe",
            Backend = "be",
            Server = "s1",
            ServerAddress = IPAddress.Loopback,
            ServerPort = 8080,
            RequestTime = 0,
            QueueTime = 0,
            ConnectTime = 1,
            ResponseTime = 2,
            ActiveTime = 3,
            Status = 200,
            BytesRead = 119,
            BytesUploaded = 78,
            RequestCaptures = request,
            ResponseCaptures = response,
            RequestLine = "GET /index.html?x=1 HTTP/1.1"u8,
        });

        Assert.Equal(0, Measure(WriteOne));
        Assert.Equal(Lines * 2, writer.Count);
        Assert.Contains("200", System.Text.Encoding.ASCII.GetString(writer.Last), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TcpRecord_AllocatesNothingPerLine()
    {
        var writer = new CopyingWriter();
        var log = Build("option tcplog", "mode tcp", writer);
        var client = new IPEndPoint(IPAddress.Loopback, 40000);
        var date = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

        void WriteOne() => log.Write(new TcpAccessRecord
        {
            Client = client,
            AcceptDate = date,
            Frontend = "fe",
            Backend = "be",
            Server = "s1",
            QueueTime = 0,
            ConnectTime = 1,
            TotalTime = 30,
            BytesRead = 1000,
            BytesUploaded = 10,
        });

        Assert.Equal(0, Measure(WriteOne));
        Assert.Equal(Lines * 2, writer.Count);
    }

    /// <summary>Bytes this thread allocated for <see cref="Lines"/> lines, after as many to warm up (JIT, pools).</summary>
    private static long Measure(Action writeOne)
    {
        for (var i = 0; i < Lines; i++)
        {
            writeOne();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Lines; i++)
        {
            writeOne();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static AccessLog Build(string format, string mode, CopyingWriter writer)
    {
        var text = $"""
            global
                log 127.0.0.1:514 local0
            defaults
                {mode}
                log global
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind 127.0.0.1:80
                {format}
                default_backend be
            backend be
                server s1 127.0.0.1:8080
            """;
        var result = ConfigLoader.LoadText(text, "alloc.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return new AccessLog(result.Config!, _ => writer, TimeProvider.System);
    }

    /// <summary>Copies each line into one buffer, as a syslog target copies it into its queue.</summary>
    private sealed class CopyingWriter : ILogTargetWriter
    {
        private readonly byte[] _last = new byte[2048];
        private int _length;

        public int Count { get; private set; }

        public byte[] Last => _last[.._length];

        public LogTarget Target => throw new NotSupportedException();

        public void Write(SyslogSeverity severity, ReadOnlySpan<byte> message)
        {
            message.CopyTo(_last);
            _length = message.Length;
            Count++;
        }
    }
}
