package main

// edgeWorkerScript is the Worker's module script (worker.mjs). It serves the static app from the
// Worker's assets with the headers of `wasmlit serve` (the policy, nosniff, explicit types,
// precompressed copies), and hands the shared-function endpoint to the Go module (app.wasm, the
// app compiled with package edge and syumai/workers), one fresh instance per request as
// syumai/workers runs it. In front of Go it keeps, per isolate, one computation per request body
// in flight (the other requests for it wait) and the answered records in the Cache API for their
// TTL, so that a hit does not start Go. It imports site.mjs, which the build writes.
const edgeWorkerScript = `// The wasmlit edge Worker, written by ` + "`wasmlit build -edge`" + `. Do not edit: rebuild.
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";
import { CSP, TYPES, PRECOMPRESSED, SHARED_PATH, MAX_REQUEST } from "./site.mjs";

// syumai/workers calls it to catch JavaScript exceptions.
globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

// What every instance of the Go module in this isolate adds to (package edge).
globalThis.__wasmlitEdge ??= { computations: 0 };

// runGo starts one instance of the Go module and returns its binding once it is serving.
async function runGo(env, ctx) {
  const go = new Go();
  let ready;
  const isReady = new Promise((resolve) => { ready = resolve; });
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const binding = {};
  go.run(instance, { env, ctx, connect, binding });
  await isReady;
  return binding;
}

async function goFetch(req, env, ctx) {
  const binding = await runGo(env, ctx);
  return binding.handleRequest(req);
}

const edgeHeaders = { "X-Wasmlit-Edge": "1", "X-Content-Type-Options": "nosniff" };

function refuse(status, reason) {
  return new Response(reason + "\n", {
    status,
    headers: { ...edgeHeaders, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function hex(buf) {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// One computation per request body in flight in this isolate; the others wait for it.
const inflight = new Map();

async function shared(req, env, ctx) {
  const declared = Number(req.headers.get("Content-Length") || "0");
  if (declared > MAX_REQUEST) {
    return refuse(413, "request of " + declared + " bytes is over the limit of " + MAX_REQUEST + " bytes");
  }
  const body = new Uint8Array(await req.arrayBuffer());
  if (body.length > MAX_REQUEST) {
    return refuse(413, "request of " + body.length + " bytes is over the limit of " + MAX_REQUEST + " bytes");
  }
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  const cacheKey = new Request("https://wasmlit-shared.invalid/" + digest);
  const cached = await caches.default.match(cacheKey);
  if (cached) {
    return new Response(cached.body, { status: 200, headers: cached.headers });
  }
  let answer = inflight.get(digest);
  if (!answer) {
    answer = (async () => {
      const goReq = new Request(req.url, { method: "POST", body, headers: req.headers });
      const resp = await goFetch(goReq, env, ctx);
      const bytes = new Uint8Array(await resp.arrayBuffer());
      const headers = [...resp.headers];
      if (resp.status === 200) {
        await caches.default.put(cacheKey, new Response(bytes, { status: 200, headers }));
      }
      return { status: resp.status, headers, bytes };
    })().finally(() => inflight.delete(digest));
    inflight.set(digest, answer);
  }
  const a = await answer;
  return new Response(a.bytes, { status: a.status, headers: a.headers });
}

function typeOf(path) {
  const dot = path.lastIndexOf(".");
  const ext = dot >= 0 ? path.slice(dot).toLowerCase() : "";
  return TYPES[ext] || (path.endsWith("/") ? "text/html; charset=utf-8" : "");
}

function accepts(header, coding) {
  return header.split(",").some((part) => {
    const [name, ...params] = part.trim().split(";");
    if (name.trim().toLowerCase() !== coding) return false;
    return !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

async function asset(req, env, url) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return new Response("method not allowed\n", { status: 405, headers: { Allow: "GET, HEAD", "Content-Security-Policy": CSP } });
  }
  // A precompressed copy first, when the client takes it: the file itself is then never read.
  let resp;
  let encoding = "";
  const copies = PRECOMPRESSED[url.pathname];
  if (copies) {
    const accept = req.headers.get("Accept-Encoding") || "";
    for (const [coding, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
      if (!copies.includes(ext) || !accepts(accept, coding)) continue;
      const copy = await env.ASSETS.fetch(new Request(new URL(url.pathname + ext, url), { method: req.method, headers: req.headers }));
      if (copy.status === 200 || copy.status === 304) {
        resp = copy;
        encoding = coding;
        break;
      }
      await copy.body?.cancel();
    }
  }
  if (!resp) resp = await env.ASSETS.fetch(req);
  const headers = new Headers(resp.headers);
  const type = typeOf(url.pathname);
  if (type) headers.set("Content-Type", type);
  if (encoding) headers.set("Content-Encoding", encoding);
  headers.append("Vary", "Accept-Encoding");
  headers.set("Cache-Control", "no-cache");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Content-Security-Policy", CSP);
  const init = { status: resp.status, statusText: resp.statusText, headers };
  if (encoding) init.encodeBody = "manual";
  return new Response(resp.body, init);
}

export default {
  async fetch(req, env, ctx) {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/__wasmlit/stats") && req.method === "GET") {
      return new Response(JSON.stringify(globalThis.__wasmlitEdge), {
        headers: { ...edgeHeaders, "Content-Type": "application/json", "Cache-Control": "no-store" },
      });
    }
    if (url.pathname.endsWith("/" + SHARED_PATH) && req.method === "POST") {
      return shared(req, env, ctx);
    }
    if (url.pathname.includes("/__wasmlit/")) {
      return goFetch(req, env, ctx); // the Go handler refuses with a reason
    }
    return asset(req, env, url);
  },
};
`
