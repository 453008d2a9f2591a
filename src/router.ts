/**
 * One message router per extension context. Each context registers exactly one
 * `runtime.onMessage` listener built here (`asMessageListener`): two listeners that both
 * answer would race, and whichever finished first would win.
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

/** The `runtime.onMessage` listener signature both Chrome and Firefox call. */
export type MessageListener = (message: unknown, sender: SenderInfo, sendResponse: (reply: unknown) => void) => true | undefined;

/**
 * A router as a `runtime.onMessage` listener. It answers through `sendResponse` and returns
 * `true` (keep the channel open): the contract every Chrome and Firefox version honours,
 * where a returned promise is honoured only by Firefox and recent Chrome. This is what lets
 * the extension run on the browsers' own promise APIs without webextension-polyfill.
 */
export function asMessageListener(route: ReturnType<typeof createRouter>): MessageListener {
  return (message, sender, sendResponse) => {
    const reply = route(message, sender);
    if (!reply) return undefined;
    void reply.then(sendResponse);
    return true;
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
