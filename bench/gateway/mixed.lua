-- wrk script for bench/gateway/run.sh: GET /api/v1/heatmap with the nine-year mix of issue 14,
-- drawn at random (fixed seed) for every request:
--   40 % one year (any of FIRST..LAST), 60 % the range FIRST..LAST;
--   independently, half with a random hour window (hour_min > hour_max wraps midnight) and half
--   with one of ten common primary types.
-- Identical requests repeat (the plain ones often, the hour windows seldom: 24 x 24 of them), as
-- they do in real traffic, but the mix is tens of thousands of distinct URLs.
-- FIRST/LAST come from the environment (run.sh passes its YEARS), default 2010..2018.
local first = tonumber(os.getenv("FIRST_YEAR") or "2010")
local last = tonumber(os.getenv("LAST_YEAR") or "2018")
local types = { "THEFT", "BATTERY", "CRIMINAL%20DAMAGE", "NARCOTICS", "ASSAULT", "OTHER%20OFFENSE",
                "BURGLARY", "MOTOR%20VEHICLE%20THEFT", "DECEPTIVE%20PRACTICE", "ROBBERY" }

local counter = 0

function setup(thread)
  thread:set("seed", 20181 + counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(seed)
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  local path
  if math.random() < 0.4 then
    path = "/api/v1/heatmap?city=chicago&year=" .. math.random(first, last)
  else
    path = "/api/v1/heatmap?city=chicago&year_from=" .. first .. "&year_to=" .. last
  end
  if math.random() < 0.5 then
    path = path .. "&hour_min=" .. math.random(0, 23) .. "&hour_max=" .. math.random(0, 23)
  end
  if math.random() < 0.5 then
    path = path .. "&primary_type=" .. types[math.random(1, #types)]
  end
  return wrk.format("GET", path)
end

-- `done` (the result lines run.sh reads) lives in report.lua beside this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
