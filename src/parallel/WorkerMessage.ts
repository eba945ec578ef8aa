/** The pool's protocol: the main thread sends job `index`, the worker answers with its result or error. */
export interface JobMessage<J> {
  readonly index: number;
  readonly job: J;
}

export type ResultMessage<R> =
  { readonly index: number; readonly ok: true; readonly result: R } | { readonly index: number; readonly ok: false; readonly error: string };
