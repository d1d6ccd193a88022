// A minimal Lambda runtime-API loop: load the handler (the init phase), then
// fetch events from /next and post each result or error back.
import { Agent, request } from "node:http";

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "content-type": "application/json" };
    const req = request(`http://${api}/2018-06-01/runtime${path}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const failure = (err) => JSON.stringify({ errorMessage: String(err?.message ?? err), errorType: err?.name ?? "Error" });

let handler;
try {
  ({ handler } = await import("./index.mjs"));
} catch (err) {
  await call("POST", "/init/error", failure(err));
  process.exit(1);
}

for (;;) {
  const next = await call("GET", "/invocation/next");
  const id = next.headers["lambda-runtime-aws-request-id"];
  try {
    const result = await handler(JSON.parse(next.body));
    await call("POST", `/invocation/${id}/response`, JSON.stringify(result ?? null));
  } catch (err) {
    await call("POST", `/invocation/${id}/error`, failure(err));
  }
}
