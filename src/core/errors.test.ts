import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorCodes } from './error-codes.js';
import { KgovError } from './errors.js';
import { languageFromAcceptHeader } from './i18n.js';

test('every code has a valid status, an OpenAI type and both languages', () => {
  const types = new Set(['invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'rate_limit_error', 'server_error']);
  for (const [code, entry] of Object.entries(errorCodes)) {
    assert.ok(entry.status >= 400 && entry.status < 600, code);
    assert.ok(types.has(entry.type), code);
    assert.ok(entry.text.ko.length > 0 && entry.text.en.length > 0, code);
    // Parameters may come in language variants (`whatKo`/`whatEn`); otherwise both texts use the same ones.
    const slots = (text: string) => [...text.matchAll(/\{(\w+?)(?:Ko|En)?\}/g)].map((match) => match[1]).sort().join();
    assert.equal(slots(entry.text.ko), slots(entry.text.en), `${code}: both languages use the same parameters`);
  }
});

test('KgovError carries its code, status and localized message', () => {
  const error = new KgovError('tenant_not_found', { tenant: 'mois' }, { param: 'tenant' });
  assert.equal(error.httpStatus, 404);
  assert.equal(error.type, 'not_found_error');
  assert.equal(error.isRetryable, false);
  assert.match(error.localizedMessage('ko'), /기관 'mois'/);
  assert.match(error.localizedMessage('en'), /Tenant 'mois'/);
  assert.equal(error.param, 'tenant');
});

test('Accept-Language picks the first supported language', () => {
  assert.equal(languageFromAcceptHeader('fr-FR, en;q=0.8', 'ko'), 'en');
  assert.equal(languageFromAcceptHeader('ko-KR', 'en'), 'ko');
  assert.equal(languageFromAcceptHeader(undefined, 'ko'), 'ko');
  assert.equal(languageFromAcceptHeader('de', 'ko'), 'ko');
});
