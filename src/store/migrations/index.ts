import type { Migration } from '../migration.js';
import { foundation } from './0001-foundation.js';
import { documents } from './0002-documents.js';

/** All migrations in order. Append new ones; never reorder or edit released ones. */
export const migrations: readonly Migration[] = [foundation, documents];
