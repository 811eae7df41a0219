import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from './migrate.js';
import { migrations } from './migrations/index.js';

test('statements split on line-final semicolons, keeping dollar-quoted bodies whole', () => {
  const statements = splitStatements(`
-- a comment;
CREATE TABLE a (x int);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'no';
END;
$$;
INSERT INTO a VALUES (1);`);
  assert.equal(statements.length, 3);
  assert.match(statements[1]!, /RAISE EXCEPTION 'no';\nEND;\n\$\$;$/);
});

test('migration versions are consecutive from 1', () => {
  assert.deepEqual(migrations.map((migration) => migration.version), migrations.map((_, index) => index + 1));
});
