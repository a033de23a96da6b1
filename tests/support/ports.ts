import { createServer } from 'node:net';

/**
 * A port nothing listens on, chosen by the system (listen on 0, then close) for a process a test
 * or a benchmark starts. A port drawn at random could be one the system has just lent to an
 * outgoing connection (its ephemeral range starts at 32768), and the server then fails with
 * EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
