import { errorCodes, type ErrorCode } from './error-codes.js';
import { format, type Language } from './i18n.js';

/**
 * The one error type of the platform. `code` is stable and public; `params` fill the bilingual
 * message of that code, so the same error reads in Korean or English wherever it surfaces.
 */
export class KgovError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  /** The request field at fault, reported as OpenAI's `param`. */
  readonly param: string | undefined;

  constructor(
    code: ErrorCode,
    params: Record<string, unknown> = {},
    options: { cause?: unknown; param?: string } = {},
  ) {
    super(format(errorCodes[code].text.en, params), { cause: options.cause });
    this.name = 'KgovError';
    this.code = code;
    this.params = params;
    this.param = options.param;
  }

  get httpStatus(): number {
    return errorCodes[this.code].status;
  }

  get isRetryable(): boolean {
    return errorCodes[this.code].retryable;
  }

  /** OpenAI's error `type` for this code. */
  get type(): string {
    return errorCodes[this.code].type;
  }

  localizedMessage(language: Language): string {
    return format(errorCodes[this.code].text[language], this.params);
  }
}

export function isKgovError(error: unknown): error is KgovError {
  return error instanceof KgovError;
}
