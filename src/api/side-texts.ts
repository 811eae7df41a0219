import type { ChatRequest } from '../models/index.js';

/**
 * Everything in a chat request that reaches the model besides the messages' content: each message's `name`, the
 * `stop` strings and a task's options (rendered into the template: recipient, glossary, attachments, …). The input
 * guard reads them as it reads the messages, so none is a way around masking or the classified-content block.
 */
export type SideTexts = {
  texts: string[];
  /** Where each text is in the request (OpenAI's `param` of a refusal): `messages[2].name`, `stop[0]`, `kgov.options`. */
  params: string[];
  /** The request and options with `guarded[i]` in place of `texts[i]`. */
  replace(guarded: readonly string[]): { request: ChatRequest; options: Record<string, unknown> | undefined };
};

export function sideTexts(request: ChatRequest, options: Record<string, unknown> | undefined): SideTexts {
  const texts: string[] = [];
  const params: string[] = [];
  for (const [index, message] of request.messages.entries()) {
    if (message.name) {
      texts.push(message.name);
      params.push(`messages[${index}].name`);
    }
  }
  if (typeof request.stop === 'string') {
    texts.push(request.stop);
    params.push('stop');
  } else {
    for (const [index, stop] of (request.stop ?? []).entries()) {
      texts.push(stop);
      params.push(`stop[${index}]`);
    }
  }
  if (options) mapStrings(options, (text) => (texts.push(text), params.push('kgov.options'), text));
  return {
    texts,
    params,
    replace(guarded) {
      let next = 0;
      const take = () => guarded[next++]!;
      const messages = request.messages.map((message) => (message.name ? { ...message, name: take() } : message));
      const stop = request.stop === undefined ? undefined : typeof request.stop === 'string' ? take() : request.stop.map(take);
      const replacedOptions = options ? (mapStrings(options, take) as Record<string, unknown>) : undefined;
      return { request: { ...request, messages, ...(stop !== undefined ? { stop } : {}) }, options: replacedOptions };
    },
  };
}

/** A copy of a JSON value with every string (keys of objects too) passed through `map`, depth first, keys in order. */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
  }
  return value;
}
