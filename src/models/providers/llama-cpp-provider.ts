import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaChat, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { KgovError } from '../../core/index.js';
import type { ChatProvider } from '../chat-provider.js';
import type { ChatMessage, ChatRequest, FinishReason, StreamPart, Usage } from '../chat-types.js';
import { readGgufHeader } from './gguf-header.js';
import { SlotPool, SlotWaitError } from './slot-pool.js';

export type LlamaCppOptions = {
  id: string;
  modelPath: string;
  models: readonly string[];
  /** Tokens per sequence: prompt and answer together. */
  contextSize: number;
  threads?: number | undefined;
  gpuLayers: number | 'auto' | 'max';
  gpu: 'auto' | 'cuda' | 'vulkan' | 'cpu';
  /** Sequences answering at once; more requests wait in line. */
  parallel: number;
  /** Longest wait in line for a free sequence. */
  timeoutMs: number;
};

export type LlamaCppProvider = ChatProvider & {
  /** Loads the model now rather than on the first request (a warm-up), and says what was loaded. */
  load(): Promise<LlamaCppModelInfo>;
  /** Frees the context and the model; a later request loads them again. */
  close(): Promise<void>;
};

/** What a load settled on: the chat template in use (node-llama-cpp's wrapper name), the real context, the backend. */
export type LlamaCppModelInfo = { chatWrapper: string; contextSize: number; gpu: string | false };

type Loaded = { model: LlamaModel; context: LlamaContext; chatWrapper: ChatWrapper; pool: SlotPool<LlamaChat> };
type Answer = { text: string; finishReason: FinishReason; usage: Usage };
type LlamaModule = typeof import('node-llama-cpp');

/** One llama.cpp runtime per backend in a process, shared by every embedded provider. */
const runtimes = new Map<LlamaCppOptions['gpu'], Promise<Llama>>();

/**
 * A GGUF model inside this process, through node-llama-cpp. The module and its native binary load on
 * the first request (a dynamic import), so a platform without an embedded model never pays for them.
 * Only npm's prebuilt binaries are used: `build: 'never'` and `skipDownload` mean nothing is compiled or
 * fetched at run time, which a closed network could not do anyway.
 *
 * Concurrency: one context with `parallel` sequences; a request holds one sequence for its whole answer
 * and the others wait in line (FIFO, bounded by `timeoutMs`). llama.cpp batches the active sequences
 * together, so N answers at once cost far less than N times one.
 */
export function llamaCppProvider(options: LlamaCppOptions): LlamaCppProvider {
  const modelPath = resolve(options.modelPath);
  if (!isFile(modelPath)) throw new KgovError('model_file_missing', { provider: options.id, path: modelPath });
  const checked = readGgufHeader(modelPath);
  if (!checked.ok) throw new KgovError('model_file_invalid', { provider: options.id, path: modelPath, detail: checked.reason });
  let loading: Promise<Loaded> | null = null;

  const load = (): Promise<Loaded> => {
    loading ??= loadModel(options, modelPath).catch((error: unknown) => {
      // A failed load is tried again by a later request (a GPU freed, a file replaced); the router's circuit paces that.
      loading = null;
      throw new KgovError('model_load_failed', { provider: options.id, detail: describe(error) }, { cause: error });
    });
    return loading;
  };

  async function answer(request: ChatRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<Answer> {
    if (signal.aborted) throw new KgovError('request_cancelled', { provider: options.id });
    const loaded = await load();
    const chat = await loaded.pool.acquire(signal, options.timeoutMs).catch((error: unknown) => {
      if (error instanceof SlotWaitError && error.reason === 'timeout') throw new KgovError('upstream_timeout', { provider: options.id });
      throw new KgovError('request_cancelled', { provider: options.id }, { cause: error });
    });
    try {
      const history = toChatHistory(request.messages);
      const promptTokens = loaded.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(loaded.model.tokenizer).length;
      // The answer must fit beside the prompt: llama.cpp would otherwise shift the context and silently drop the conversation's start.
      const room = loaded.context.contextSize - promptTokens;
      if (room < 1) {
        throw new KgovError('upstream_rejected', {
          provider: options.id, status: 400, detail: `the prompt has ${promptTokens} tokens; the context holds ${loaded.context.contextSize}`,
        }, { param: 'messages' });
      }
      const maxTokens = Math.min(request.max_tokens ?? room, room);
      let completionTokens = 0;
      const stop = request.stop === undefined ? [] : (Array.isArray(request.stop) ? request.stop : [request.stop]).filter((text) => text !== '');
      const response = await chat.generateResponse(history, {
        signal,
        maxTokens,
        // Absent temperature: greedy decoding (node-llama-cpp's default), so the same question gets the same answer.
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.top_p !== undefined ? { topP: request.top_p } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(stop.length > 0 ? { customStopTriggers: stop } : {}),
        onToken: (tokens) => {
          completionTokens += tokens.length;
        },
        ...(onText ? { onTextChunk: (text: string) => text !== '' && onText(text) } : {}),
      });
      const stopReason = response.metadata.stopReason;
      if (stopReason === 'abort') throw new KgovError('request_cancelled', { provider: options.id });
      return {
        text: response.response,
        finishReason: stopReason === 'maxTokens' ? 'length' : 'stop',
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      };
    } catch (error) {
      if (error instanceof KgovError) throw error;
      if (signal.aborted) throw new KgovError('request_cancelled', { provider: options.id }, { cause: error });
      throw new KgovError('upstream_error', { provider: options.id, status: 0, detail: describe(error) }, { cause: error });
    } finally {
      loaded.pool.release(chat);
    }
  }

  return {
    id: options.id,
    zone: 'internal',
    models: options.models,
    async load() {
      const loaded = await load();
      return { chatWrapper: loaded.chatWrapper.wrapperName, contextSize: loaded.context.contextSize, gpu: loaded.model.llama.gpu };
    },
    async close() {
      const current = loading;
      loading = null;
      const loaded = await current?.catch(() => null);
      if (!loaded) return;
      await loaded.context.dispose();
      await loaded.model.dispose();
    },
    async generate(chatRequest, { signal }) {
      const result = await answer(chatRequest, signal);
      return { id: '', model: chatRequest.model, ...result };
    },
    async *stream(chatRequest, { signal }): AsyncGenerator<StreamPart> {
      // The caller may stop reading early (an error downstream): the generation is stopped with it.
      const stopped = new AbortController();
      const both = AbortSignal.any([signal, stopped.signal]);
      const parts: StreamPart[] = [];
      let wake: (() => void) | null = null;
      let settled = false;
      let failure: unknown = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      void answer(chatRequest, both, (text) => {
        parts.push({ type: 'text-delta', text });
        notify();
      }).then(
        (result) => parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage }),
        (error: unknown) => (failure = error),
      ).finally(() => {
        settled = true;
        notify();
      });
      try {
        for (;;) {
          // A cancelled stream yields nothing more, not even deltas already made.
          if (signal.aborted) throw new KgovError('request_cancelled', { provider: options.id });
          const part = parts.shift();
          if (part) {
            yield part;
            continue;
          }
          if (settled) {
            if (failure !== null) throw failure;
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        if (!settled) stopped.abort();
      }
    },
  };
}

async function loadModel(options: LlamaCppOptions, modelPath: string): Promise<Loaded> {
  // Checked again: the file may have been replaced since the start.
  const checked = readGgufHeader(modelPath);
  if (!checked.ok) throw new Error(checked.reason);
  const llamaCpp: LlamaModule = await import('node-llama-cpp');
  let runtime = runtimes.get(options.gpu);
  if (!runtime) {
    runtime = llamaCpp.getLlama({
      gpu: options.gpu === 'cpu' ? false : options.gpu,
      // Prebuilt binaries only: never compile, never download llama.cpp's source.
      build: 'never',
      skipDownload: true,
      progressLogs: false,
      logLevel: llamaCpp.LlamaLogLevel.error,
    });
    runtimes.set(options.gpu, runtime);
    runtime.catch(() => runtimes.delete(options.gpu));
  }
  const llama = await runtime;
  const model = await llama.loadModel({ modelPath, gpuLayers: options.gpuLayers });
  try {
    const context = await model.createContext({
      contextSize: options.contextSize, sequences: options.parallel, ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    // The file's own chat template when it has one (node-llama-cpp matches it to a tested wrapper or runs the
    // Jinja); otherwise a plain "### System / ### Human / ### Assistant" layout rather than a guess from the file name.
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    const chatWrapper = typeof template === 'string' && template.trim() !== '' ? llamaCpp.resolveChatWrapper(model) : new llamaCpp.GeneralChatWrapper();
    const chats = Array.from({ length: options.parallel }, () => new llamaCpp.LlamaChat({ contextSequence: context.getSequence(), chatWrapper }));
    return { model, context, chatWrapper, pool: new SlotPool(chats) };
  } catch (error) {
    await model.dispose();
    throw error;
  }
}

/** OpenAI messages as node-llama-cpp's history, ending with the empty model turn to be written. */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message): ChatHistoryItem => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'assistant') return { type: 'model', response: [message.content] };
    // A tool result has no turn of its own in most chat templates: it reaches the model as the user's text.
    return { type: 'user', text: message.content };
  });
  history.push({ type: 'model', response: [] });
  return history;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
}
