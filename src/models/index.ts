export { buildModelRouter } from './build-router.js';
export type { ChatProvider, Zone } from './chat-provider.js';
export type { ChatMessage, ChatRequest, ChatResult, FinishReason, StreamPart, Usage } from './chat-types.js';
export { CircuitBreaker } from './circuit-breaker.js';
export { ModelRouter, type RouterOptions } from './model-router.js';
export { estimateTokens, estimateUsage, openAICompatibleProvider } from './providers/openai-compatible-provider.js';
export { recordUsage, usageReport, type UsageRow } from './usage-meter.js';
export { admitRequest, chargeTokens, sweepRateLimitWindows, type RateLimits } from './rate-limiter.js';
