/**
 * The chat model contract, in OpenAI's vocabulary (it is what every upstream we route to speaks, and
 * what our callers send). Providers translate nothing for OpenAI-compatible upstreams; the
 * extractive and embedded providers produce the same shapes.
 */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export type ChatMessage = { role: ChatRole; content: string; name?: string };

export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  user?: string;
};

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'error';

export type ChatResult = { id: string; model: string; text: string; finishReason: FinishReason; usage: Usage };

/** Stream parts as a tagged union: a consumer switches on `type` and never guesses. */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage | null };
