/**
 * Running the backend under Azure Functions Core Tools (`func start`) when they are installed.
 * Core Tools download a binary at install, so they are an optional dependency and never
 * needed by tests; the project's local host runs the same definitions without them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';

export function coreToolsAvailable(): boolean {
  const result = spawnSync('func', ['--version'], { encoding: 'utf8' });
  return result.status === 0;
}

/** local.settings.json as Core Tools read it (git-ignored). */
export function writeLocalSettings(root: string, settings: Record<string, string>): void {
  writeFileSync(
    join(root, 'local.settings.json'),
    JSON.stringify(
      { IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'node', ...settings }, Host: { CORS: '*' } },
      null,
      2,
    ),
  );
}

export function startFunc(root: string, port: number): ChildProcess {
  return spawn('func', ['start', '--port', String(port)], { cwd: root, stdio: 'inherit' });
}

/** Serves the bot's usual local address (3978) by forwarding to /api/messages of the Functions host. */
export function forwardBotPort(host: string, botPort: number, functionsPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host, port: functionsPort, path: '/api/messages', method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('The Functions host is not answering yet.');
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(botPort, host, () => resolve(server));
  });
}
