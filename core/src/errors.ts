/**
 * The small typed error taxonomy of the domain. Entry points map these to HTTP status
 * codes or friendly bot cards; nothing matches on message text.
 */
import type { LocalizedText } from './content/schema.js';

export type DomainErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-many-attempts'
  | 'too-large'
  | 'unavailable';

export interface DomainErrorOptions extends ErrorOptions {
  /** When the caller may try again (sent as Retry-After). */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** What a person reads, in Dutch and English. */
  readonly userMessage: LocalizedText;
  readonly details: readonly string[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DomainErrorCode,
    userMessage: LocalizedText,
    details: readonly string[] = [],
    options?: DomainErrorOptions,
  ) {
    super(userMessage.en, options);
    this.name = 'DomainError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = details;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export const validationError = (userMessage: LocalizedText, details: readonly string[] = []): DomainError =>
  new DomainError('validation', userMessage, details);

export const notFound = (userMessage: LocalizedText): DomainError =>
  new DomainError('not-found', userMessage);

export const forbidden = (userMessage: LocalizedText): DomainError =>
  new DomainError('forbidden', userMessage);

export const unauthenticated = (userMessage: LocalizedText): DomainError =>
  new DomainError('unauthenticated', userMessage);

export const conflict = (userMessage: LocalizedText): DomainError => new DomainError('conflict', userMessage);

/** More than can be read or stored (a body over its route's cap, a record over Table storage's limit). */
export const tooLarge = (userMessage: LocalizedText, details: readonly string[] = []): DomainError =>
  new DomainError('too-large', userMessage, details);

/** Too many attempts in a while (wrong check-in codes): refused until `retryAfterSeconds` have passed. */
export const tooManyAttempts = (userMessage: LocalizedText, retryAfterSeconds: number): DomainError =>
  new DomainError('too-many-attempts', userMessage, [], { retryAfterSeconds });

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Turns anything thrown into an Error, so callers never handle `unknown`. */
export function ensureError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
