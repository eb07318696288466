/** The outcome of checking one value: the normalised value, or why it was rejected. */
export type Validation<T = string> = { ok: true; value: T } | { ok: false; reason: string };

export function valid<T>(value: T): Validation<T> {
  return { ok: true, value };
}

export function invalid<T = string>(reason: string): Validation<T> {
  return { ok: false, reason };
}
