/**
 * `microtarget dev`: a local preview server (127.0.0.1 only). It serves a page per template
 * (compiler/dev/page.ts), the rendered emails for the page's frames, and a stream of
 * Server-Sent Events; it watches the templates folder (and the config and data-type files
 * beside it) and, on a change, rebuilds what depends on it and tells the open pages to reload.
 * A compile error is a page of its own; the server keeps running and recovers when it is fixed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { typeFolders, watchFolder } from "../watch.js";
import { indexPage, templatePage } from "./page.js";
import { DevProject, type Output } from "./project.js";

/** DevOptions say what to serve and where. */
export interface DevOptions {
  srcDir: string;
  /** port to listen on (0: any free port). */
  port: number;
  /** log receives one line per rebuild. */
  log?: (line: string) => void;
}

/** DevServer is a running preview. */
export interface DevServer {
  url: string;
  close(): Promise<void>;
}

/** startDev builds the folder once, then serves and watches it. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const project = new DevProject(options.srcDir);
  const clients = new Set<ServerResponse>();
  // Listen first (a port in use fails at once), serve once the first build is done.
  let ready: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    // Only pages of this address: a page elsewhere that rebinds a name of its own to 127.0.0.1 must not read the templates and their audiences.
    const port = (server.address() as AddressInfo).port;
    if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(req.headers.host ?? "")) return void res.writeHead(403).end("microtarget preview: open it as http://127.0.0.1:" + port + "/");
    ready.then(() => serve(project, clients, req, res)).catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String((e as Error).stack ?? e));
    });
  });
  await new Promise<void>((done, fail) => server.once("error", fail).listen(options.port, "127.0.0.1", done));
  const started = performance.now();
  ready = project.refresh();
  await ready;
  log(`built ${project.list().length} templates in ${Math.round(performance.now() - started)} ms`);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const watcher = watchFolder(project.srcDir, () => typeFolders(project.dependencies()), async (files) => {
    const t = performance.now();
    const paths = await project.refresh(files);
    if (paths.length === 0) return;
    log(`rebuilt ${paths.includes("*") ? "every template" : paths.join(", ")} in ${Math.round(performance.now() - t)} ms`);
    for (const c of clients) c.write(`data: ${JSON.stringify({ paths })}\n\n`);
  }, (e) => log(`rebuild failed: ${(e as Error).stack ?? e}`));

  return {
    url,
    async close() {
      await watcher.close();
      for (const c of clients) c.end();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function serve(project: DevProject, clients: Set<ServerResponse>, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname; // a malformed escape: no template has that name
  }
  const html = (body: string, status = 200) => void res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
  if (path === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(": connected\n\n");
    clients.add(res);
    req.on("close", () => clients.delete(res));
    return;
  }
  if (path === "/") return html(indexPage(project.list()));
  // /t/<template path>[/<audience|variant|missing>/<i>.html]
  const m = /^\/t\/(.+?)(?:\/(audience|variant|missing)\/(\d+)\.html)?$/.exec(path);
  const view = m && project.get(m[1]);
  if (!m || !view) return html("<!doctype html><title>Not found</title><p>No such template. <a href=\"/\">All templates</a></p>", 404);
  if (!m[2]) return html(templatePage(view, project.list()));
  const i = Number(m[3]);
  const output = m[2] === "audience" ? view.audiences[i]?.output : (m[2] === "variant" ? view.variants : view.missing)[i]?.output;
  if (!output) return html("<!doctype html><title>Not found</title>", 404);
  html(emailDocument(output));
}

// emailDocument is what a frame shows: the email's HTML, or a text template's text.
function emailDocument(o: Output): string {
  if (o.kind === "email") return o.html;
  const esc = o.text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><pre style="white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;margin:16px">${esc}</pre>`;
}
