/**
 * Child process for the crash test: writes tenants (each with its audit record, in one transaction)
 * as fast as it can and prints each id after its commit returns. The parent kills it with SIGKILL.
 */
import { createTenant } from '../../src/auth/index.js';
import { loadConfig } from '../../src/core/index.js';
import { openDatabase } from '../../src/store/index.js';

const prefix = process.argv[2] ?? 'crash';
const database = await openDatabase(loadConfig());
const [{ count }] = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM tenants')) as [{ count: number }];
process.stdout.write(`ready ${count}\n`);
for (let index = 0; ; index++) {
  const id = `${prefix}-${index}`;
  await createTenant(database, { kind: 'operator', name: 'crash-test' }, { id, name: `기관 ${index}` });
  process.stdout.write(`committed ${id}\n`);
}
