-- wrk script for bench/gateway/run.sh with MIX=bench/gateway/two-years.lua YEARS="2016 2017": the
-- earlier two-year bench (docs/BENCHMARKS.md, Gateway), GET /api/v1/heatmap rotating over 100
-- filter combinations (years, year ranges, hour windows, some wrapping midnight, crime types).
local years = { "year=2016", "year=2017", "year_from=2016&year_to=2017", "year_from=2017&year_to=2017" }
local hours = { "", "&hour_min=23&hour_max=6", "&hour_min=7&hour_max=18", "&hour_min=18&hour_max=22", "&hour_min=0&hour_max=0" }
local types = { "", "&primary_type=THEFT", "&primary_type=BATTERY", "&primary_type=NARCOTICS", "&primary_type=MOTOR%20VEHICLE%20THEFT" }

local paths = {}
for _, y in ipairs(years) do
  for _, h in ipairs(hours) do
    for _, t in ipairs(types) do
      paths[#paths + 1] = "/api/v1/heatmap?city=chicago&" .. y .. h .. t
    end
  end
end

local counter = 0
local statuses = {}

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 7
end

function init(args)
  next_index = offset
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function response(status, headers, body)
  if status ~= 200 then
    bad = (bad or 0) + 1
  end
end

-- `done` (the result lines run.sh reads) lives in report.lua beside this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
