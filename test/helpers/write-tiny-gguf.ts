import { writeFileSync } from 'node:fs';

/**
 * Writes a tiny llama-architecture model as a GGUF v3 file (ggml docs/gguf.md): header, metadata
 * key-value pairs, tensor infos, zero padding to `general.alignment`, then F32 tensor data, each
 * tensor at an aligned offset. Weights are random (seeded, so a file is the same every run): the
 * model says nothing useful, but llama.cpp loads, tokenizes and samples it like any other, which
 * is what the embedded provider's tests need. About 0.5 MB; it loads and answers in milliseconds.
 */
export type TinyGgufOptions = {
  /** Embedding width; a multiple of `heads`. */
  embedding?: number;
  layers?: number;
  heads?: number;
  contextLength?: number;
  seed?: number;
  /** A Jinja chat template stored as `tokenizer.chat_template`; none by default (the provider falls back). */
  chatTemplate?: string;
  /** Extra whole-word tokens (SentencePiece pieces, `▁` for a leading space). */
  words?: readonly string[];
  /** Control tokens a chat template uses (`<|im_start|>`, `<|im_end|>`), after the words. */
  controlTokens?: readonly string[];
};

const ALIGNMENT = 32;
const GGML_TYPE_F32 = 0;
enum ValueType { UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9 }
/** llama.cpp's token types. */
enum TokenType { NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6 }

type Value =
  | { type: ValueType.UINT32 | ValueType.FLOAT32; value: number }
  | { type: ValueType.BOOL; value: boolean }
  | { type: ValueType.STRING; value: string }
  | { type: ValueType.ARRAY; itemType: ValueType.STRING; value: readonly string[] }
  | { type: ValueType.ARRAY; itemType: ValueType.FLOAT32 | ValueType.INT32; value: readonly number[] };

const u32 = (value: number): Value => ({ type: ValueType.UINT32, value });
const f32 = (value: number): Value => ({ type: ValueType.FLOAT32, value });
const str = (value: string): Value => ({ type: ValueType.STRING, value });

const defaultWords = [
  '▁안녕하세요', '▁행정', '안전부', '▁민원', '▁처리', '▁기한', '은', '는', '이', '가', '을', '를', '에', '의', '입니다', '합니다', '.',
  '▁the', '▁model', '▁answer', '▁is', '▁a', '▁test', '▁hello', '▁world', 'ing', 'ed', 's', ',',
  ...'abcdefghijklmnopqrstuvwxyz'.split(''), ...'abcdefghijklmnopqrstuvwxyz'.split('').map((letter) => `▁${letter}`), '▁',
];

/** The vocabulary: control tokens, all 256 byte tokens (SentencePiece's byte fallback needs every one), then pieces. */
export function tinyVocabulary(words: readonly string[] = defaultWords, controlTokens: readonly string[] = []) {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.BYTE);
  }
  const firstWord = tokens.length;
  for (const word of new Set(words)) {
    tokens.push(word);
    types.push(TokenType.NORMAL);
  }
  const firstControl = tokens.length;
  for (const token of controlTokens) {
    tokens.push(token);
    types.push(TokenType.CONTROL);
  }
  // Scores rank SentencePiece merges; longer pieces score higher, as in real vocabularies. Text the pieces cannot
  // build (most Korean here) falls back to byte tokens, which exercises UTF-8 reassembly on the way out.
  const scores = tokens.map((token, index) => (index < firstWord || index >= firstControl ? 0 : -1000 + [...token].length));
  return { tokens, types, scores, firstWord, firstControl };
}

/** mulberry32: a small seeded generator, so the same options always give the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

type Tensor = { name: string; dims: readonly number[]; data: Float32Array };

export function writeTinyGguf(path: string, options: TinyGgufOptions = {}): { path: string; vocabularySize: number; bytes: number } {
  const embedding = options.embedding ?? 64;
  const layers = options.layers ?? 2;
  const heads = options.heads ?? 4;
  const contextLength = options.contextLength ?? 1024;
  const feedForward = embedding * 2;
  const headDim = embedding / heads;
  if (!Number.isInteger(headDim) || headDim % 2 !== 0) throw new Error('embedding / heads must be an even integer (RoPE rotates pairs)');
  const vocabulary = tinyVocabulary(options.words ?? defaultWords, options.controlTokens ?? []);
  const vocabularySize = vocabulary.tokens.length;
  const next = random(options.seed ?? 20240501);
  const filled = (count: number, scale: number) => Float32Array.from({ length: count }, () => (next() * 2 - 1) * scale);
  const ones = (count: number) => new Float32Array(count).fill(1);

  // ggml dimension order: dims[0] is the innermost (contiguous) one, so a weight mapping n_in → n_out is [n_in, n_out].
  const tensors: Tensor[] = [{ name: 'token_embd.weight', dims: [embedding, vocabularySize], data: filled(embedding * vocabularySize, 1) }];
  for (let layer = 0; layer < layers; layer++) {
    const scale = 1 / Math.sqrt(embedding);
    tensors.push(
      { name: `blk.${layer}.attn_norm.weight`, dims: [embedding], data: ones(embedding) },
      { name: `blk.${layer}.attn_q.weight`, dims: [embedding, embedding], data: filled(embedding * embedding, scale) },
      { name: `blk.${layer}.attn_k.weight`, dims: [embedding, embedding], data: filled(embedding * embedding, scale) },
      { name: `blk.${layer}.attn_v.weight`, dims: [embedding, embedding], data: filled(embedding * embedding, scale) },
      { name: `blk.${layer}.attn_output.weight`, dims: [embedding, embedding], data: filled(embedding * embedding, scale) },
      { name: `blk.${layer}.ffn_norm.weight`, dims: [embedding], data: ones(embedding) },
      { name: `blk.${layer}.ffn_gate.weight`, dims: [embedding, feedForward], data: filled(embedding * feedForward, scale) },
      { name: `blk.${layer}.ffn_up.weight`, dims: [embedding, feedForward], data: filled(embedding * feedForward, scale) },
      { name: `blk.${layer}.ffn_down.weight`, dims: [feedForward, embedding], data: filled(feedForward * embedding, 1 / Math.sqrt(feedForward)) },
    );
  }
  // Output rows of control and byte tokens are zero (logit 0) while word rows are random: greedy decoding then picks
  // a word (some random logit is almost surely positive), never end-of-sequence first nor half a UTF-8 sequence.
  const output = filled(embedding * vocabularySize, 1);
  output.fill(0, 0, vocabulary.firstWord * embedding);
  output.fill(0, vocabulary.firstControl * embedding);
  tensors.push(
    { name: 'output_norm.weight', dims: [embedding], data: ones(embedding) },
    { name: 'output.weight', dims: [embedding, vocabularySize], data: output },
  );

  const metadata: [string, Value][] = [
    ['general.architecture', str('llama')],
    ['general.name', str('kgov-tiny-test')],
    ['general.alignment', u32(ALIGNMENT)],
    ['general.file_type', u32(0)], // ALL_F32
    ['llama.context_length', u32(contextLength)],
    ['llama.embedding_length', u32(embedding)],
    ['llama.block_count', u32(layers)],
    ['llama.feed_forward_length', u32(feedForward)],
    ['llama.rope.dimension_count', u32(headDim)],
    ['llama.attention.head_count', u32(heads)],
    ['llama.attention.head_count_kv', u32(heads)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['llama.vocab_size', u32(vocabularySize)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', { type: ValueType.ARRAY, itemType: ValueType.STRING, value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: ValueType.ARRAY, itemType: ValueType.FLOAT32, value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: ValueType.ARRAY, itemType: ValueType.INT32, value: vocabulary.types }],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.add_bos_token', { type: ValueType.BOOL, value: true }],
    ['tokenizer.ggml.add_eos_token', { type: ValueType.BOOL, value: false }],
    ...(options.chatTemplate !== undefined ? [['tokenizer.chat_template', str(options.chatTemplate)] as [string, Value]] : []),
  ];

  const out = new ByteWriter();
  out.raw(Buffer.from('GGUF', 'latin1'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    out.u32(value.type);
    writeValue(out, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offsets.push(offset);
    offset = align(offset + tensor.data.byteLength);
  }
  out.pad();
  const dataStart = out.length;
  tensors.forEach((tensor, index) => {
    out.pad();
    if (out.length - dataStart !== offsets[index]) throw new Error(`tensor ${tensor.name} is not at its declared offset`);
    out.raw(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
  });
  out.pad();
  const bytes = out.toBuffer();
  writeFileSync(path, bytes);
  return { path, vocabularySize, bytes: bytes.length };
}

function align(offset: number): number {
  return offset + ((ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT);
}

function writeValue(out: ByteWriter, value: Value): void {
  switch (value.type) {
    case ValueType.UINT32: return out.u32(value.value);
    case ValueType.FLOAT32: return out.f32(value.value);
    case ValueType.BOOL: return out.raw(Buffer.of(value.value ? 1 : 0));
    case ValueType.STRING: return out.string(value.value);
    case ValueType.ARRAY:
      out.u32(value.itemType);
      out.u64(value.value.length);
      for (const item of value.value) {
        if (typeof item === 'string') out.string(item);
        else if (value.itemType === ValueType.FLOAT32) out.f32(item);
        else out.i32(item);
      }
  }
}

/** Little-endian, as the spec's default byte order. */
class ByteWriter {
  private readonly chunks: Buffer[] = [];
  length = 0;
  raw(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  u32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    this.raw(bytes);
  }
  i32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32LE(value);
    this.raw(bytes);
  }
  u64(value: number): void {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(BigInt(value));
    this.raw(bytes);
  }
  f32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatLE(value);
    this.raw(bytes);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.raw(bytes);
  }
  pad(): void {
    const padding = align(this.length) - this.length;
    if (padding > 0) this.raw(Buffer.alloc(padding));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}
