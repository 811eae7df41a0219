import { Command } from 'commander';
import { buildServer } from '../../api/index.js';
import { KgovError, loadConfig } from '../../core/index.js';
import { staleIndex, staleParsing, startRecoverySweep, startRetentionSweep } from '../../data/index.js';
import { memoryIndexOf, warmTenants } from '../../search/index.js';
import { openDatabase, storageLocation } from '../../store/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printError } from '../output.js';
import { packageVersion } from '../version.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new KgovError('usage', { detail: message('usage.badPort', { value }) });
  return port;
}

export function serveCommand(): Command {
  return withCommonOptions(newCommand('serve'))
    .description(message('serve.description'))
    .option('--port <port>', message('serve.port'), parsePort)
    .option('--host <host>', message('serve.host'))
    .action(async (options: { data?: string; config?: string; port?: number; host?: string }) => {
      const config = loadConfig({ configFile: options.config, dataDir: options.data, port: options.port, host: options.host });
      const database = await openDatabase(config);
      const app = await buildServer({ config, database, version: packageVersion() });
      try {
        await app.listen({ port: config.server.port, host: config.server.host });
      } catch (error) {
        await app.close().catch(() => undefined);
        await database.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new KgovError('port_in_use', { port: config.server.port }, { cause: error });
        }
        throw error;
      }
      // Upload jobs a stopped or crashed server left unfinished are resumed in the background (logged, never fatal).
      const recovery = startRecoverySweep(database, config, { log: app.log });
      // Deleted documents and old versions whose retention period ran out are purged at start and then periodically.
      const retention = startRetentionSweep(database, config, { log: app.log });
      // Documents an older analyzer indexed still match, less well, until `kgov reindex` runs: said once, at start.
      staleIndex(database).then(
        (stale) => { if (stale.chunks > 0) app.log.warn(stale, 'search: documents indexed by an older analyzer; run kgov reindex'); },
        (error: unknown) => app.log.warn({ err: error }, 'search: could not count documents indexed by an older analyzer'),
      );
      // Documents an older parser read keep its sections and text until their files are given back to `kgov reindex --reparse`.
      staleParsing(database).then(
        (stale) => { if (stale.documents > 0) app.log.info(stale, 'ingest: documents parsed by an older parser; kgov reindex --reparse FILES… parses them again'); },
        (error: unknown) => app.log.warn({ err: error }, 'ingest: could not count documents parsed by an older parser'),
      );
      // Tenants' keyword indexes load into memory in the background; searches meanwhile are answered in SQL.
      const index = memoryIndexOf(database);
      if (index && config.search.memoryIndex.warmOnStart) {
        warmTenants(database, index, { maxPostings: config.search.memoryIndex.maxPostings }).then(
          (result) => app.log.info(result, 'search: tenants loaded into memory at start'),
          (error: unknown) => app.log.warn({ err: error }, 'search: loading tenants at start failed; each loads on its first search'),
        );
      }

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`${message('serve.stopping', { signal })}\n`);
        // In-flight requests get the grace period; after it the process exits regardless.
        const deadline = setTimeout(() => process.exit(1), config.server.shutdownGraceMs + 2000);
        deadline.unref();
        try {
          await recovery.stop();
          await retention.stop();
          // Closing the app writes out the audit records, rate-limit windows and usage totals it still holds.
          await app.close();
          await database.close();
        } catch (error) {
          // Not exit 0: what was held in memory may not have been written.
          printError(error);
          process.exit(1);
        }
        process.stderr.write(`${message('serve.stopped')}\n`);
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));

      // Announced last: whoever waits for this line (a supervisor, a test) may signal at once, and the handlers above
      // must already be in place, or the default action kills the process before it writes what it holds.
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.server.port;
      const location = storageLocation(config);
      process.stderr.write(`${message('serve.started', {
        url: `http://${config.server.host}:${port}`,
        storage: location.kind === 'pglite' ? `PGlite ${location.dataDir}` : 'PostgreSQL',
        // The server's own pid: under `npm start` or `npx`, killing npm's pid leaves this process running.
        pid: process.pid,
      })}\n`);
    });
}
