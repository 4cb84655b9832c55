-- wrk script for POST /api/leads: every request a new lead (run id, thread number, counter in the email), four
-- profiles in turn so that some leads meet the MQL definition on arrival and some do not.
-- Arguments after "--": RUN_ID API_KEY.

local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function init(args)
  run = args[1]
  headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = args[2] }
  counter = 0
end

local profiles = {
  '"first_name":"Ana","last_name":"Silva","company":"Acme","job_title":"VP Marketing","seniority":"vice_president","department":"Marketing","company_size":250,"industry":"Software","country":"BR","annual_revenue":40000000',
  '"first_name":"Bruno","last_name":"Costa","company":"Initech","job_title":"Analyst","seniority":"individual_contributor","department":"Finance","company_size":40,"industry":"Retail","country":"US"',
  '"first_name":"Carla","company":"Globex","seniority":"manager","department":"Marketing","industry":"Software","country":"DE"',
  '"first_name":"Dan"',
}

request = function()
  counter = counter + 1
  local body = string.format(
    '{"email":"lead-%s-%d-%d@bench.example",%s,"utm_source":"bench","utm_medium":"wrk","utm_campaign":"capture-%d"}',
    run, number, counter, profiles[counter % #profiles + 1], counter % 10)
  return wrk.format("POST", "/api/leads", headers, body)
end
