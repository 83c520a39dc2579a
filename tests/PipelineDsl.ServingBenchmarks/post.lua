-- wrk script: POST the JSON body read from a file, Content-Type application/json.
-- Body file: $BODY if set, else bodies/churn-row.json next to this script (wrk runs from any directory).
-- Usage: wrk -t2 -c16 -d10s --latency -s post.lua http://127.0.0.1:PORT/predict
local path = os.getenv("BODY")
if path == nil or path == "" then
  local script = debug.getinfo(1, "S").source:sub(2)
  local dir = script:match("(.*/)") or "./"
  path = dir .. "bodies/churn-row.json"
end
local f = assert(io.open(path, "rb"), "cannot open body file " .. path)
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

-- No response() callback: defining one makes wrk parse every answer in Lua and slows the client. wrk's own
-- summary prints "Non-2xx or 3xx responses: N" and "Socket errors: ..." when there are any; run.sh parses those.
