/**
 * Small structural checks for data that crosses a trust boundary (messages, imported
 * files). Each check reports the path of the first problem so an error can say where it is.
 */

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `\`${path}\` ${problem}` : problem);
    this.name = 'ValidationError';
  }
}

export type Reader<T> = (value: unknown, path: string) => T;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function object(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ValidationError(path, `must be an object, not ${describe(value)}`);
  return value;
}

export function field(obj: Record<string, unknown>, key: string, path: string): unknown {
  // Own properties only: a key like "__proto__" or "constructor" must never reach the prototype.
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function string(options: { max: number; min?: number }): Reader<string> {
  return (value, path) => {
    if (typeof value !== 'string') {
      throw new ValidationError(path, value === undefined ? 'is missing' : `must be text, not ${describe(value)}`);
    }
    if (value.length > options.max) throw new ValidationError(path, `is longer than ${options.max} characters`);
    if (value.length < (options.min ?? 0)) {
      throw new ValidationError(path, options.min === 1 ? 'is empty' : `is shorter than ${options.min} characters`);
    }
    return value;
  };
}

export function integer(options: { min: number; max: number }): Reader<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new ValidationError(path, value === undefined ? 'is missing' : `must be a whole number, not ${describe(value)}`);
    }
    if (value < options.min || value > options.max) {
      throw new ValidationError(path, `must be between ${options.min} and ${options.max}`);
    }
    return value;
  };
}

export const boolean: Reader<boolean> = (value, path) => {
  if (typeof value !== 'boolean') {
    throw new ValidationError(path, value === undefined ? 'is missing' : `must be true or false, not ${describe(value)}`);
  }
  return value;
};

export function oneOf<T extends string>(choices: readonly T[]): Reader<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      throw new ValidationError(path, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}`);
    }
    return value as T;
  };
}

export function nullable<T>(read: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? null : read(value, path));
}

export function optional<T>(read: Reader<T>, fallback: T): Reader<T> {
  return (value, path) => (value === undefined ? fallback : read(value, path));
}

export function list<T>(read: Reader<T>, options: { max: number }): Reader<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) {
      throw new ValidationError(path, value === undefined ? 'is missing' : `must be a list, not ${describe(value)}`);
    }
    if (value.length > options.max) throw new ValidationError(path, `has more than ${options.max} entries`);
    return value.map((item, i) => read(item, `${path}[${i}]`));
  };
}

export function httpUrl(options: { max: number }): Reader<string> {
  const text = string({ max: options.max, min: 1 });
  return (value, path) => {
    const url = text(value, path);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ValidationError(path, 'is not a valid address');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ValidationError(path, 'must be an http or https address');
    }
    return url;
  };
}

/** Reads the listed fields of an object; any other key is ignored, never copied. */
export function shape<T>(readers: { [K in keyof T]: Reader<T[K]> }): Reader<T> {
  return (value, path) => {
    const obj = object(value, path);
    const out = {} as T;
    for (const key of Object.keys(readers) as (keyof T & string)[]) {
      out[key] = readers[key](field(obj, key, path), path ? `${path}.${key}` : key);
    }
    return out;
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 / RFC 3339 date-time with a time zone (the W3C model's `xsd:dateTime` as
 * written in practice), returned normalised to `Date.toISOString()` so records sort by time.
 */
export function dateTime(): Reader<string> {
  return (value, path) => {
    if (typeof value !== 'string') {
      throw new ValidationError(path, value === undefined ? 'is missing' : `must be a date and time, not ${describe(value)}`);
    }
    const ms = value.length <= 64 && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) throw new ValidationError(path, 'is not a date and time like 2026-11-23T14:00:00Z');
    return new Date(ms).toISOString();
  };
}

/** An absolute IRI such as "urn:uuid:…" or "https://…" (scheme, colon, no white space). */
export function absoluteUri(options: { max: number }): Reader<string> {
  const text = string({ max: options.max, min: 1 });
  return (value, path) => {
    const uri = text(value, path);
    if (!/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(uri)) throw new ValidationError(path, 'is not an absolute address (IRI)');
    return uri;
  };
}
