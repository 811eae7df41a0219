import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ApiContext } from '../../src/api/index.js';

/** Builds the real server and listens on a free loopback port, as `kgov serve` would. */
export async function startTestServer(context: ApiContext): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer(context);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
