import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import type { ChatProvider } from './chat-provider.js';
import type { ChatRequest, StreamPart } from './chat-types.js';

/**
 * The one contract every chat provider passes (hono's `common.case.test.ts` pattern): an answer with
 * consistent usage; a stream of deltas that ends with exactly one `finish`; a cancelled request fails
 * with a KgovError instead of answering. `request` names a model the provider serves.
 */
export function chatProviderContract(name: string, make: () => ChatProvider | Promise<ChatProvider>, request: ChatRequest): void {
  test(`${name}: declares its id, zone and models`, async () => {
    const provider = await make();
    assert.match(provider.id, /\S/);
    assert.ok(provider.zone === 'internal' || provider.zone === 'external');
    assert.ok(provider.models.includes(request.model));
  });

  test(`${name}: generate answers with text and consistent usage`, async () => {
    const provider = await make();
    const result = await provider.generate(request, { signal: new AbortController().signal });
    assert.ok(result.text.length > 0, 'some text');
    assert.ok(['stop', 'length', 'content_filter'].includes(result.finishReason), result.finishReason);
    assert.ok(result.usage.prompt_tokens > 0 && result.usage.completion_tokens > 0);
    assert.equal(result.usage.total_tokens, result.usage.prompt_tokens + result.usage.completion_tokens);
  });

  test(`${name}: stream yields deltas, then exactly one finish, last`, async () => {
    const provider = await make();
    const parts: StreamPart[] = [];
    for await (const part of provider.stream(request, { signal: new AbortController().signal })) parts.push(part);
    const finishes = parts.filter((part) => part.type === 'finish');
    assert.equal(finishes.length, 1);
    assert.equal(parts.at(-1)?.type, 'finish');
    const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
    assert.ok(parts.some((part) => part.type === 'text-delta') && text.length > 0, 'at least one non-empty delta');
  });

  test(`${name}: a cancelled request fails with a KgovError and answers nothing`, async () => {
    const provider = await make();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(provider.generate(request, { signal: controller.signal }), (error) => error instanceof KgovError);
    const parts: StreamPart[] = [];
    await assert.rejects((async () => {
      for await (const part of provider.stream(request, { signal: controller.signal })) parts.push(part);
    })(), (error) => error instanceof KgovError);
    assert.equal(parts.filter((part) => part.type === 'text-delta').length, 0);
  });
}
