/**
 * One message router per extension context. Each context registers exactly one
 * `runtime.onMessage` listener built here: two promise-returning listeners would both answer
 * (recent Chromium honours returned promises), and whichever finished first would win.
 */
import {
  type Envelope,
  type ErrorCode,
  type Reply,
  type RequestOf,
  type ResponseOf,
  envelope,
  isEnvelope,
  unwrap,
} from './messages';
import type { Reader } from './validate';
import { ValidationError } from './validate';

/** The parts of `runtime.MessageSender` the router looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** `incognito`: a private window's tab, whose reading is never recorded. */
  tab?: { id?: number; url?: string; incognito?: boolean };
}

export type Handlers<P> = {
  [K in keyof P]: (request: RequestOf<P, K>, sender: SenderInfo) => Promise<ResponseOf<P, K>> | ResponseOf<P, K>;
};

/** An error a handler throws on purpose, to send the caller a specific code and message. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RouterOptions<P> {
  readers: { [K in keyof P]: Reader<RequestOf<P, K>> };
  handlers: Handlers<P>;
  /** Only messages from this extension are answered; pages cannot reach the runtime, but other extensions could. */
  extensionId: string;
  onError?: (type: string, error: unknown) => void;
}

export function createRouter<P>(options: RouterOptions<P>) {
  const { readers, handlers, extensionId } = options;
  return (message: unknown, sender: SenderInfo): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(message)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(handlers, message.type)) return undefined;
    const type = message.type as keyof P & string;
    return (async (): Promise<Reply<unknown>> => {
      if (sender.id !== extensionId) {
        return { ok: false, error: { code: 'forbidden', message: 'Messages are accepted only from Claimlens itself.' } };
      }
      try {
        const request = readers[type](message.payload, 'payload');
        const value = await handlers[type](request, sender);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof ValidationError) {
          return { ok: false, error: { code: 'invalid', message: `Invalid ${type} request: ${error.message}` } };
        }
        if (error instanceof HandlerError) return { ok: false, error: { code: error.code, message: error.message } };
        options.onError?.(type, error);
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `Claimlens could not complete ${type}: ${detail}` } };
      }
    })();
  };
}

export type Transport = (message: Envelope) => Promise<unknown>;

/** Sends a typed request and returns the typed reply, or throws with the receiver's message. */
export async function request<P, K extends keyof P & string>(
  send: Transport,
  type: K,
  payload: RequestOf<P, K>,
): Promise<ResponseOf<P, K>> {
  return unwrap<ResponseOf<P, K>>(await send(envelope(type, payload)));
}
