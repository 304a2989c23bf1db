/**
 * `npm run bench:body-caps`: oversized request bodies against a real production server (`next
 * start`, throwaway database): the read-only executive sends 300 MB to a mutation route, a
 * signed-out client 100 MB to the sign-in callback — each once with a declared Content-Length and
 * once chunked (no length) — and a planner, who may use the route, 300 MB chunked. Prints, per case, the answer, how much the client had pushed when it
 * came, and the server's resident memory (next start and its children) before, at its peak while
 * the body was being sent (sampled every 20 ms) and after; then that the server still answers.
 * Prints figures; asserts nothing.
 */
import { request } from "node:http";
import { signIn, startBenchServer, type BenchServer } from "./lib/start-bench-server";

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

interface Outcome {
  status: number | string;
  pushedBytes: number;
  ms: number;
}

/** Streams `total` bytes of spaces as the body; stops pushing as soon as the server answers. */
function send(url: string, total: number, headers: Record<string, string>, declareLength: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let pushed = 0;
    let settled = false;
    const finish = (status: number | string) => {
      if (settled) return;
      settled = true;
      resolve({ status, pushedBytes: pushed, ms: performance.now() - started });
    };
    const req = request(url, { method: "POST", headers: { ...headers, ...(declareLength ? { "content-length": String(total) } : { "transfer-encoding": "chunked" }) } });
    req.on("response", (response) => {
      response.resume();
      finish(response.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => finish(`connection ${error.code ?? error.message} before any answer`));
    const chunk = Buffer.alloc(MB, 0x20);
    const pump = () => {
      while (!settled && pushed < total) {
        pushed += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!settled) req.end();
    };
    pump();
  });
}

async function measure(server: BenchServer, label: string, path: string, total: number, headers: Record<string, string>, declareLength: boolean) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = server.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 20);
  const outcome = await send(`${server.baseUrl}${path}`, total, headers, declareLength);
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(sampler);
  const after = server.rss();
  peak = Math.max(peak, after);
  const health = await fetch(`${server.baseUrl}/api/health`).then((r) => r.status).catch(() => "unreachable");
  console.log(
    `${label}: answer ${outcome.status} after ${outcome.ms.toFixed(0)} ms, client had pushed ${mb(outcome.pushedBytes)} of ${mb(total)}; ` +
      `server RSS ${mb(before)} → peak ${mb(peak)} (+${mb(peak - before)}) → ${mb(after)}; next request: ${health}`,
  );
}

const server = await startBenchServer("body-caps");
try {
  const executive = await signIn(server.baseUrl, "exec@demo.stockpilot", "stockpilot-demo");
  if (!executive.cookie) throw new Error(`the executive could not sign in: ${executive.error}`);
  const planner = await signIn(server.baseUrl, "planner@demo.stockpilot", "stockpilot-demo");
  if (!planner.cookie) throw new Error(`the planner could not sign in: ${planner.error}`);
  const json = { "content-type": "application/json", cookie: executive.cookie };
  const plannerJson = { "content-type": "application/json", cookie: planner.cookie };
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const decisions = "/api/v1/recommendations/bench/decisions";
  console.log(`next start at ${server.baseUrl}; server RSS at rest ${mb(server.rss())}`);
  await measure(server, "executive, 300 MB JSON to a mutation route, Content-Length declared", decisions, 300 * MB, json, true);
  await measure(server, "executive, 300 MB JSON to a mutation route, chunked", decisions, 300 * MB, json, false);
  // The planner may decide, so the handler reads the body: the streamed reader stops it at the cap.
  await measure(server, "planner, 300 MB JSON to the same route, chunked", decisions, 300 * MB, plannerJson, false);
  await measure(server, "signed out, 100 MB to the sign-in callback, Content-Length declared", "/api/auth/callback/credentials", 100 * MB, form, true);
  await measure(server, "signed out, 100 MB to the sign-in callback, chunked", "/api/auth/callback/credentials", 100 * MB, form, false);
  await measure(server, "control: planner, 0.9 MB (under the 1 MB cap) to the same route, read whole", decisions, Math.round(0.9 * MB), plannerJson, true);
} finally {
  await server.stop();
}
