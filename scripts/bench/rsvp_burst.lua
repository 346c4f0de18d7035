-- wrk script for scripts/bench/rsvp_burst.py: each connection answers distinct invitations
-- as a member does: GET the signed link from the mail (the confirm page, with its CSRF token
-- and session cookie), then POST the answer. One connection per thread, so a response always
-- belongs to the request the thread sent last. Answers start at a fixed pace per thread
-- (RATE answers/s over all threads; 0 means as fast as the server goes).
-- Environment: LINKS (file, one path per line), RATE, THREADS.

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } timespec;
  int clock_gettime(int clock, timespec *now);
]]
local clock = ffi.new("timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock)      -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local links = {}
for line in io.lines(os.getenv("LINKS")) do links[#links + 1] = line end
local rate = tonumber(os.getenv("RATE") or "0")
local threads = tonumber(os.getenv("THREADS") or "1")
local counter = 0
local all = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  all[#all + 1] = thread
end

function init(args)
  next_link = id                   -- this thread takes links id, id + threads, ...
  step = "get"
  cookie, token, link = nil, nil, nil
  answered, failed, statuses = 0, 0, {}
  pace = rate > 0 and (1000 * threads / rate) or 0
  started, begun = nil, 0
end

function delay()
  if step ~= "get" or pace == 0 then return 0 end
  -- answer k starts at started + k * pace; behind schedule, the next one starts at once, so
  -- the rate holds on average. Threads start staggered, so answers do not come in clumps.
  local now = now_ms()
  started = started or (now + (id - 1) * pace / threads)
  local due = started + begun * pace
  begun = begun + 1
  return math.max(0, math.floor(due - now))
end

function request()
  if step == "get" then
    link = links[next_link]
    if link == nil then
      link = links[1]                -- ran out of links: a failed answer rather than a repeat
      statuses["out-of-links"] = (statuses["out-of-links"] or 0) + 1
    end
    next_link = next_link + threads
    return wrk.format("GET", link .. "?answer=yes")
  end
  local body = "csrf_token=" .. token .. "&answer=yes"
  return wrk.format("POST", link, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status, headers, body)
  local key = step .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
  if step == "get" then
    token = body and string.match(body, 'name="csrf_token"[^>]-value="([^"]+)"')
    local set = headers["Set-Cookie"] or ""
    cookie = string.match(set, "(session=[^;]+)")
    if status == 200 and token and cookie then
      step = "post"
    else
      failed = failed + 1
    end
  else
    if status == 200 then answered = answered + 1 else failed = failed + 1 end
    step = "get"
  end
end

function done(summary, latency, requests)
  local answered_all, failed_all, statuses_all = 0, 0, {}
  for _, thread in ipairs(all) do
    answered_all = answered_all + thread:get("answered")
    failed_all = failed_all + thread:get("failed")
    for key, n in pairs(thread:get("statuses")) do
      statuses_all[key] = (statuses_all[key] or 0) + n
    end
  end
  io.write(string.format("RESULT answered=%d failed=%d requests=%d seconds=%.2f ",
    answered_all, failed_all, summary.requests, summary.duration / 1e6))
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f max=%.2f ",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket_errors=%d ", summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
  for key, n in pairs(statuses_all) do io.write(string.format("[%s]=%d ", key, n)) end
  io.write("\n")
end
