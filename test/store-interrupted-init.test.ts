import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { kgov, kgovBin } from './helpers/cli.js';

/**
 * A process killed while PGlite creates a new data directory's cluster (initdb, the first second or two) used to
 * leave a cluster that opened but lacked parts: every later command failed with `language "plpgsql" does not
 * exist`. The directory must be usable again on the next open, whenever the kill landed.
 */
test('a data directory whose first open was killed opens on the next try (kills at several points of initdb)', async () => {
  for (const delayMs of [0, 300, 700, 1200, 2000]) {
    const dir = mkdtempSync(join(tmpdir(), 'kgov-init-kill-'));
    try {
      const child = spawn(process.execPath, [kgovBin, 'tenants', 'create', 'mois', '--name', '행정안전부', '--data', dir], { stdio: 'ignore' });
      let running = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => { running = false; resolve(); }));
      // Counted from the moment the cluster's directory appears, so the kills land inside initdb on a slow machine
      // as on a fast one.
      while (running && !existsSync(join(dir, 'pg'))) await sleep(5);
      await sleep(delayMs);
      child.kill('SIGKILL');
      await exited;
      const again = kgov(['tenants', 'create', 'mois', '--name', '행정안전부', '--data', dir]);
      // The first process may have finished before the kill: then the tenant is there already.
      assert.ok(again.status === 0 || /tenant_exists/.test(again.stderr), `after a kill at ${delayMs} ms: ${again.stderr}`);
      const listed = kgov(['tenants', 'list', '--data', dir]);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /mois/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a leftover initdb marker makes the half-made cluster start over; an existing cluster without it is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kgov-init-marker-'));
  try {
    // What a kill during initdb leaves: the marker and part of a cluster.
    mkdirSync(join(dir, 'pg'), { recursive: true });
    writeFileSync(join(dir, 'pg', 'PG_VERSION'), '16\n');
    writeFileSync(join(dir, 'pg.initialising'), '12345\n');
    const created = kgov(['tenants', 'create', 'mois', '--name', '행정안전부', '--data', dir]);
    assert.equal(created.status, 0, created.stderr);
    // A complete cluster (no marker) keeps its data on the next open.
    const listed = kgov(['tenants', 'list', '--data', dir]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /mois/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
