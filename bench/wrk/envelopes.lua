-- wrk script: POSTs the gzip'd Sentry envelopes EnvelopeCorpus wrote to $BENCH_BODIES (body-00000.bin, ...),
-- cycling through them, with the headers a Sentry SDK sends (key from $BENCH_SENTRY_KEY). Requests are formatted
-- once in init() so the per-request cost is a table lookup; each wrk thread starts at a different body.
-- done() prints one line "WRK_JSON {...}" for bench/run.sh. Event ids repeat once the corpus has been cycled
-- through; bench's LoadGenerator is the tool that stamps a unique id on every request.

local bodies_dir = os.getenv("BENCH_BODIES") or error("set BENCH_BODIES to a directory of body-NNNNN.bin files")
local sentry_key = os.getenv("BENCH_SENTRY_KEY") or "bench"
local requests = {}
local next_request = 1

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-sentry-envelope"
  wrk.headers["Content-Encoding"] = "gzip"
  wrk.headers["User-Agent"] = "bench/1.0"
  wrk.headers["X-Sentry-Auth"] = "Sentry sentry_version=7, sentry_client=bench/1.0, sentry_key=" .. sentry_key
  local i = 0
  while true do
    local file = io.open(string.format("%s/body-%05d.bin", bodies_dir, i), "rb")
    if not file then break end
    local body = file:read("*a")
    file:close()
    requests[#requests + 1] = wrk.format("POST", nil, nil, body)
    i = i + 1
  end
  if #requests == 0 then
    error("no body-NNNNN.bin files in " .. bodies_dir)
  end
  next_request = math.random(#requests)
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"durationSeconds":%.3f,"requests":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMs":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f,"mean":%.3f}}\n',
    summary.duration / 1e6, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000))
end
